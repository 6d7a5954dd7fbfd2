import { useEffect, useState } from 'react';
import { Button } from './Button';
import styles from './CopyButton.module.css';

interface CopyButtonProps {
  text: string;
  label?: string;
  /** Its accessible name when the text alone is ambiguous. */
  accessibleLabel?: string;
}

/** Copies `text` to the clipboard and says whether that worked. */
export function CopyButton({ text, label = 'Copy', accessibleLabel }: CopyButtonProps) {
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);

  useEffect(() => {
    if (result !== 'copied') return;
    const timer = window.setTimeout(() => setResult(null), 4000);
    return () => window.clearTimeout(timer);
  }, [result]);

  async function copy() {
    try {
      // Only on secure pages (https, localhost); elsewhere the text stays selectable.
      if (!navigator.clipboard) throw new Error('No clipboard');
      await navigator.clipboard.writeText(text);
      setResult('copied');
    } catch {
      setResult('failed');
    }
  }

  return (
    <span className={styles.wrap}>
      <Button aria-label={accessibleLabel} onClick={copy}>
        {label}
      </Button>
      <span role="status" className={result === 'failed' ? styles.failed : styles.copied}>
        {result === 'copied' && 'Copied.'}
        {result === 'failed' && 'Could not copy: select the text and copy it yourself.'}
      </span>
    </span>
  );
}
