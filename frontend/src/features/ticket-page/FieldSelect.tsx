import { forwardRef, useId, type ChangeEvent } from 'react';
import styles from './TicketFields.module.css';

export interface Option {
  value: string;
  label: string;
}

interface FieldSelectProps {
  label: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
  saving?: boolean;
  describedBy?: string;
}

/** One labelled select of the ticket's details. */
export const FieldSelect = forwardRef<HTMLSelectElement, FieldSelectProps>(function FieldSelect(
  { label, value, options, onChange, saving, describedBy },
  ref,
) {
  const id = useId();
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      <select
        id={id}
        ref={ref}
        className={`control ${styles.select}`}
        value={value}
        aria-describedby={describedBy}
        data-saving={saving || undefined}
        onChange={(event: ChangeEvent<HTMLSelectElement>) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
});
