import { formatDateTime, formatRelative } from '../lib/format';
import { useNow } from '../lib/useNow';

interface RelativeTimeProps {
  iso: string;
  className?: string;
}

/**
 * "5 min ago", with the exact date and time in the tooltip, and spoken after it by screen
 * readers (a tooltip alone is out of reach of the keyboard).
 */
export function RelativeTime({ iso, className }: RelativeTimeProps) {
  const now = useNow();
  const exact = formatDateTime(iso);
  return (
    <time dateTime={iso} title={exact} className={className}>
      {formatRelative(iso, now)}
      <span className="visually-hidden"> ({exact})</span>
    </time>
  );
}
