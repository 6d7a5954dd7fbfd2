import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { AgentRef, TicketEvent } from '../../api/workspace-types';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { liveAvailable, useLiveEvents } from '../../lib/live';
import { useAutoRefresh } from '../../lib/useAutoRefresh';
import { AiSuggestionSummary } from './AiSuggestionSummary';
import { conflictText } from './conflictText';
import { describeEvent } from './eventSentences';
import { LiveChangeNotice } from './LiveChangeNotice';
import { PortalLink } from './PortalLink';
import { ReplyBox } from './ReplyBox';
import { TicketFacts } from './TicketFacts';
import { TicketFields } from './TicketFields';
import { TicketHeader } from './TicketHeader';
import { Timeline } from './Timeline';
import { usePeople } from './usePeople';
import { useTicketWorkspace } from './useTicketWorkspace';
import styles from './TicketPage.module.css';

/** How often an open ticket picks up other people's changes without the live stream. */
const REFRESH_MS = 30_000;
/** With the live stream, polling is only a safety net. */
const LIVE_REFRESH_MS = 300_000;
const TEXT_FIELDS = ['title', 'description'];

interface TicketPageProps {
  ticketId: number;
  /** The signed-in agent, when the app already knows it; else the page asks the API. */
  currentAgent?: AgentRef | null;
}

/** The agent's page of one ticket: its details, the conversation and history, and the reply box. */
export function TicketPage({ ticketId, currentAgent }: TicketPageProps) {
  // A new id is a new page: nothing of the previous ticket may leak into it.
  return <TicketWorkspace key={ticketId} ticketId={ticketId} currentAgent={currentAgent} />;
}

function byOthers(events: TicketEvent[], me: AgentRef | null | undefined): TicketEvent[] {
  return events.filter((e) => !(e.actor.type === 'agent' && e.actor.id === me?.id));
}

function othersReplies(events: TicketEvent[], me: AgentRef | null | undefined): TicketEvent[] {
  return byOthers(events, me).filter((e) => e.kind === 'commented');
}

function TicketWorkspace({ ticketId, currentAgent }: TicketPageProps) {
  const headingId = useId();
  const workspace = useTicketWorkspace(ticketId);
  const { agents, agentsError, retryAgents, me } = usePeople(currentAgent);
  const { ticket, timeline, conflict, saveState, refresh } = workspace;
  const [news, setNews] = useState('');
  const [changedBy, setChangedBy] = useState<string[]>([]);

  useEffect(() => {
    if (ticket) document.title = `#${ticket.id} ${ticket.title} · Support Desk`;
  }, [ticket]);

  const pickUpChanges = useCallback(() => {
    refresh()
      .then((events) => {
        const replies = othersReplies(events, me);
        if (replies.length) setNews(`New message from ${replies.map((e) => e.actor.name).join(', ')}.`);
        const changes = byOthers(events, me).filter((e) => e.kind !== 'commented');
        if (changes.length) setChangedBy((shown) => [...shown, ...changes.map((e) => describeEvent(e))].slice(-5));
      })
      .catch(() => undefined);
  }, [refresh, me]);
  useAutoRefresh(pickUpChanges, liveAvailable() ? LIVE_REFRESH_MS : REFRESH_MS);
  // Anyone's change to this ticket arrives on the live stream within moments.
  const shownVersion = ticket?.version ?? 0;
  useLiveEvents((event) => {
    if (event.type === 'resync' || (event.id === ticketId && event.version > shownVersion)) pickUpChanges();
  });

  const conflictFields = conflict ? Object.keys(conflict.attempted) : [];
  const textConflict = conflictFields.some((f) => TEXT_FIELDS.includes(f));
  const notice = useMemo(
    () => (conflict && ticket ? conflictText(conflict, ticket, { agents: agents ?? [], comments: timeline.comments }) : null),
    [conflict, ticket, agents, timeline.comments],
  );

  if (!ticket) {
    if (workspace.loadError) return <LoadFailure ticketId={ticketId} status={workspace.loadError.status} message={workspace.loadError.message} onRetry={workspace.retryLoad} />;
    return (
      <div className={styles.loading}>
        <Spinner label={`Loading ticket #${ticketId}…`} showLabel />
      </div>
    );
  }

  const textSave = saveState.fields.some((f) => TEXT_FIELDS.includes(f));
  return (
    <div className={styles.page}>
      <nav className={styles.crumbs} aria-label="Breadcrumb">
        <a href="/">Tickets</a>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">#{ticket.id}</span>
      </nav>

      {changedBy.length > 0 && (
        <div className={styles.live}>
          <LiveChangeNotice changes={changedBy} onDismiss={() => setChangedBy([])} />
        </div>
      )}

      <div className={styles.head}>
        <TicketHeader
          ticket={ticket}
          headingId={headingId}
          saving={textSave && saveState.state === 'saving'}
          saved={textSave && saveState.state === 'saved'}
          error={textSave && saveState.state === 'failed' ? (saveState.message ?? null) : null}
          conflict={textConflict ? notice : null}
          onSave={workspace.save}
          onDismissConflict={workspace.dismissConflict}
          onDismissError={workspace.dismissSaveError}
        />
      </div>

      <aside className={styles.side} aria-label="Ticket details">
        <section className={styles.card} aria-labelledby={`${headingId}-details`}>
          <h2 id={`${headingId}-details`} className={styles.cardTitle}>
            Details
          </h2>
          <TicketFields
            ticket={ticket}
            pending={workspace.pending}
            agents={agents}
            agentsError={agentsError}
            onRetryAgents={retryAgents}
            me={me}
            saveState={saveState}
            conflict={textConflict ? null : notice}
            conflictFields={conflictFields}
            onSave={workspace.save}
            onReapply={workspace.reapply}
            onDismissConflict={workspace.dismissConflict}
            onDismissError={workspace.dismissSaveError}
          />
          <TicketFacts ticket={ticket} />
        </section>
        <section className={styles.card} aria-labelledby={`${headingId}-ai`}>
          <h2 id={`${headingId}-ai`} className={styles.cardTitle}>
            AI triage
          </h2>
          <AiSuggestionSummary ticket={ticket} />
        </section>
        <section className={styles.card} aria-labelledby={`${headingId}-link`}>
          <h2 id={`${headingId}-link`} className={styles.cardTitle}>
            Customer's link
          </h2>
          <PortalLink portalUrl={ticket.portal_url} onRotate={workspace.rotateLink} />
        </section>
      </aside>

      <section className={styles.conversation} aria-labelledby={`${headingId}-conversation`}>
        <h2 id={`${headingId}-conversation`} className={styles.sectionTitle}>
          Conversation and history
        </h2>
        <Timeline
          comments={timeline.comments}
          events={timeline.events}
          status={timeline.status}
          error={timeline.error}
          onRetry={timeline.reload}
        />
        <p role="status" className="visually-hidden">
          {news}
        </p>
        <ReplyBox requesterName={ticket.requester.name} onSend={workspace.postComment} />
      </section>
    </div>
  );
}

interface LoadFailureProps {
  ticketId: number;
  status: number | null;
  message: string;
  onRetry: () => void;
}

function LoadFailure({ ticketId, status, message, onRetry }: LoadFailureProps) {
  let text = `Ticket #${ticketId} could not be loaded: ${message}`;
  let retry: (() => void) | undefined = onRetry;
  if (status === 401) {
    text = 'Sign in to see this ticket.';
    retry = undefined;
  } else if (status === 404) {
    text = `There is no ticket #${ticketId}.`;
    retry = undefined;
  }
  return (
    <div className={styles.failure}>
      <h1 className={styles.failureTitle}>Ticket #{ticketId}</h1>
      <ErrorBanner onRetry={retry}>
        {text}{' '}
        <a href="/" className={styles.inlineLink}>
          {status === 401 ? 'Go to the sign-in page' : 'Back to all tickets'}
        </a>
      </ErrorBanner>
    </div>
  );
}
