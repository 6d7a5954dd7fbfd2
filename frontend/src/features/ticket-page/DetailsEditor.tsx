import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { TicketChanges, TicketDetail } from '../../api/workspace-types';
import { Button } from '../../components/Button';
import { DESCRIPTION_MAX, TITLE_MAX } from './limits';
import type { SaveOutcome } from './useTicketWorkspace';
import styles from './TicketHeader.module.css';

interface DetailsEditorProps {
  ticket: TicketDetail;
  /** The ticket changed under the draft: show the current text beside it. */
  changedMeanwhile: boolean;
  saving: boolean;
  error: string | null;
  onSave: (changes: TicketChanges) => Promise<SaveOutcome>;
  onSaved: () => void;
  onCancel: () => void;
}

function problem(value: string, name: string, max: number): string | null {
  if (!value.trim()) return `${name} is required.`;
  if (value.length > max) return `${name} must be at most ${max.toLocaleString('en-US')} characters (it has ${value.length.toLocaleString('en-US')}).`;
  return null;
}

/** Title and description, edited in place. The draft outlives reloads of the ticket. */
export function DetailsEditor({ ticket, changedMeanwhile, saving, error, onSave, onSaved, onCancel }: DetailsEditorProps) {
  const id = useId();
  const [title, setTitle] = useState(ticket.title);
  const [description, setDescription] = useState(ticket.description);
  const [checked, setChecked] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => titleRef.current?.focus(), []);
  const titleProblem = checked ? problem(title, 'Title', TITLE_MAX) : null;
  const descriptionProblem = checked ? problem(description, 'Description', DESCRIPTION_MAX) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (saving || problem(title, 'Title', TITLE_MAX) || problem(description, 'Description', DESCRIPTION_MAX)) return;
    const changes: TicketChanges = {};
    if (title.trim() !== ticket.title) changes.title = title.trim();
    if (description !== ticket.description) changes.description = description;
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    if ((await onSave(changes)) === 'saved') onSaved();
  };

  return (
    <form className={styles.editor} onSubmit={(event) => void submit(event)} aria-label="Edit title and description" noValidate>
      {changedMeanwhile && (
        <details className={styles.current} open>
          <summary>The current version (changed meanwhile)</summary>
          <p className={styles.currentTitle}>{ticket.title}</p>
          <p className={styles.description}>{ticket.description}</p>
        </details>
      )}
      <div className={styles.editField}>
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          ref={titleRef}
          className="control"
          value={title}
          maxLength={TITLE_MAX * 2}
          onChange={(event) => setTitle(event.target.value)}
          aria-invalid={!!titleProblem || undefined}
          aria-describedby={titleProblem ? `${id}-title-error` : undefined}
        />
        {titleProblem && (
          <p id={`${id}-title-error`} className={styles.fieldError}>
            {titleProblem}
          </p>
        )}
      </div>
      <div className={styles.editField}>
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          className={`control ${styles.descriptionInput}`}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          aria-invalid={!!descriptionProblem || undefined}
          aria-describedby={descriptionProblem ? `${id}-description-error` : undefined}
        />
        {descriptionProblem && (
          <p id={`${id}-description-error`} className={styles.fieldError}>
            {descriptionProblem}
          </p>
        )}
      </div>
      {error && (
        <p className={styles.fieldError} role="alert">
          Not saved: {error}
        </p>
      )}
      <div className={styles.editActions}>
        <Button type="submit" variant="primary" aria-busy={saving || undefined}>
          {saving ? 'Saving…' : 'Save changes'}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
