import { useId, useMemo } from 'react';
import styles from './TimeZoneSelect.module.css';
import { timeZoneNames } from './timeZone';

/** Picks the IANA zone whose calendar days the dashboard counts in. */
export function TimeZoneSelect({ value, onChange }: { value: string; onChange: (zone: string) => void }) {
  const id = useId();
  const zones = useMemo(() => timeZoneNames(value), [value]);
  return (
    <div className={styles.field}>
      <label htmlFor={id}>Team time zone</label>
      <select id={id} className="control" value={value} onChange={(e) => onChange(e.target.value)}>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
    </div>
  );
}
