import { useRef, useState } from 'react';
import type { TicketChanges, TicketDetail } from '../../api/workspace-types';
import { Button } from '../../components/Button';
import { RelativeTime } from '../../components/RelativeTime';
import { ConflictNotice } from './ConflictNotice';
import type { ConflictText } from './conflictText';
import { DetailsEditor } from './DetailsEditor';
import type { SaveOutcome } from './useTicketWorkspace';
import styles from './TicketHeader.module.css';

interface TicketHeaderProps {
  ticket: TicketDetail;
  headingId: string;
  saving: boolean;
  saved: boolean;
  error: string | null;
  conflict: ConflictText | null;
  onSave: (changes: TicketChanges) => Promise<SaveOutcome>;
  onDismissConflict: () => void;
  onDismissError: () => void;
}

/** The ticket's number, title and description (line breaks kept), editable in place. */
export function TicketHeader(props: TicketHeaderProps) {
  const { ticket, headingId, saving, saved, error, conflict } = props;
  const [editing, setEditing] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const close = () => {
    setEditing(false);
    window.setTimeout(() => editRef.current?.focus(), 0);
  };

  const cancel = () => {
    props.onDismissConflict();
    props.onDismissError();
    close();
  };

  return (
    <header className={styles.header}>
      <p className={styles.meta}>
        <span className={styles.id}>#{ticket.id}</span>
        <span>
          Opened <RelativeTime iso={ticket.created_at} />
          {ticket.requester.name ? ` by ${ticket.requester.name}` : ''}
        </span>
      </p>
      <h1 id={headingId} ref={headingRef} tabIndex={-1} className={styles.title}>
        {ticket.title}
      </h1>
      {conflict && (
        <ConflictNotice
          text={conflict}
          onReapply={() => undefined}
          onDismiss={() => {
            props.onDismissConflict();
            headingRef.current?.focus();
          }}
        />
      )}
      {editing ? (
        <DetailsEditor
          ticket={ticket}
          changedMeanwhile={!!conflict}
          saving={saving}
          error={error}
          onSave={props.onSave}
          onSaved={close}
          onCancel={cancel}
        />
      ) : (
        <>
          <p className={styles.description}>{ticket.description}</p>
          <Button ref={editRef} variant="ghost" className={styles.edit} onClick={() => setEditing(true)}>
            Edit title and description
          </Button>
        </>
      )}
      <p role="status" className={styles.saved}>
        {saved ? 'Saved' : ''}
      </p>
    </header>
  );
}
