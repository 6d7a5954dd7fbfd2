import { useState } from 'react';
import type { Ticket } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { SubmissionConfirmation, TicketForm } from '../../features/tickets';
import { useAuth } from '../../lib/auth';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import styles from './SubmitPage.module.css';

/**
 * `/submit`: the ticket form on its own page. Customers need no account (and
 * say who they are); agents reach it as "New ticket".
 */
export function SubmitPage() {
  const asAgent = useAuth().user !== null;
  const title = asAgent ? 'New ticket' : 'Submit a ticket';
  useDocumentTitle(title);
  const [created, setCreated] = useState<Ticket | null>(null);
  // A new key gives a fresh form for the next ticket.
  const [formKey, setFormKey] = useState(0);

  return (
    <div className={styles.page}>
      <PageHeader
        title={title}
        description={
          asAgent
            ? 'File a ticket for a customer. The AI suggests a category and priority as you type.'
            : 'Tell us what went wrong. A category and priority are suggested as you describe the problem.'
        }
      />
      {created ? (
        <SubmissionConfirmation
          ticket={created}
          asAgent={asAgent}
          onAnother={() => {
            setCreated(null);
            setFormKey((k) => k + 1);
          }}
        />
      ) : (
        <Panel id="new-ticket" title={asAgent ? 'Ticket details' : 'Your request'}>
          <TicketForm
            key={formKey}
            onCreated={setCreated}
            requester={asAgent ? 'optional' : 'required'}
            autoFocus={formKey > 0}
          />
        </Panel>
      )}
    </div>
  );
}
