import {
  forwardRef,
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react';
import styles from './Field.module.css';

interface FieldOwnProps {
  label: string;
  /** Messages from validation or the API's `errors.<field>`: shown under the control. */
  errors?: string[];
  /** A sentence under the label that stays (format, limits, "optional"). */
  hint?: ReactNode;
}

function describe(id: string, hint: ReactNode, errors: string[] | undefined) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return { hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

function Shell({ id, label, hint, errors, hintId, errorId, children }: FieldOwnProps & {
  id: string;
  hintId?: string;
  errorId?: string;
  children: ReactNode;
}) {
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      {children}
      {hint && (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className={styles.error}>
          {errors!.join(' ')}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = FieldOwnProps & InputHTMLAttributes<HTMLInputElement>;

/** A labelled input with its hint and error messages tied to it for screen readers. */
export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, errors, hint, id, className, ...input },
  ref,
) {
  const fallback = useId();
  const inputId = id ?? fallback;
  const { hintId, errorId, describedBy } = describe(inputId, hint, errors);
  return (
    <Shell id={inputId} label={label} hint={hint} errors={errors} hintId={hintId} errorId={errorId}>
      <input
        ref={ref}
        id={inputId}
        className={`control ${className ?? ''}`}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
    </Shell>
  );
});

type SelectFieldProps = FieldOwnProps & SelectHTMLAttributes<HTMLSelectElement>;

/** A labelled select, as TextField. */
export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { label, errors, hint, id, className, children, ...select },
  ref,
) {
  const fallback = useId();
  const selectId = id ?? fallback;
  const { hintId, errorId, describedBy } = describe(selectId, hint, errors);
  return (
    <Shell id={selectId} label={label} hint={hint} errors={errors} hintId={hintId} errorId={errorId}>
      <select
        ref={ref}
        id={selectId}
        className={`control ${className ?? ''}`}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
        {...select}
      >
        {children}
      </select>
    </Shell>
  );
});
