import { render } from '@testing-library/react';
import { vi } from 'vitest';
import * as agentsApi from '../../../api/agents';
import * as commentsApi from '../../../api/comments';
import * as eventsApi from '../../../api/events';
import * as ticketApi from '../../../api/ticket-detail';
import type { Comment, TicketDetail, TicketEvent } from '../../../api/workspace-types';
import { makeEvent, pageOf, SYSTEM } from '../../../test/workspace-factories';
import { TicketPage } from '../TicketPage';

// The modules are mocked by each test file (vi.mock is hoisted there).
export const api = {
  getTicket: vi.mocked(ticketApi.getTicket),
  patchTicket: vi.mocked(ticketApi.patchTicket),
  rotatePortalLink: vi.mocked(ticketApi.rotatePortalLink),
  listComments: vi.mocked(commentsApi.listComments),
  createComment: vi.mocked(commentsApi.createComment),
  listEvents: vi.mocked(eventsApi.listEvents),
  listAgents: vi.mocked(agentsApi.listAgents),
  getCurrentUser: vi.mocked(agentsApi.getCurrentUser),
};

export const AGENTS = [
  { id: 1, name: 'Priya Raman' },
  { id: 2, name: 'Sam Okafor' },
];

interface Setup {
  ticket: TicketDetail;
  comments?: Comment[];
  events?: TicketEvent[];
  /** What `?since_version=` answers. */
  newerEvents?: TicketEvent[];
  /** The ticket cannot be read: this is the answer. */
  ticketError?: Error;
}

/** Renders the page of `ticket` against mocked API modules, signed in as Priya Raman. */
export function renderTicketPage({ ticket, comments = [], events, newerEvents = [], ticketError }: Setup) {
  const history = events ?? [makeEvent({ kind: 'created', actor: SYSTEM, version: 1 })];
  if (ticketError) api.getTicket.mockRejectedValue(ticketError);
  else api.getTicket.mockResolvedValue(ticket);
  api.listComments.mockResolvedValue(pageOf(comments));
  api.listEvents.mockImplementation(async (_id, options = {}) =>
    pageOf(options.sinceVersion === undefined ? history : newerEvents),
  );
  api.listAgents.mockResolvedValue(AGENTS);
  api.getCurrentUser.mockResolvedValue({ id: 1, username: 'priya', name: 'Priya Raman', email: 'p@example.com', role: 'agent' });
  return render(<TicketPage ticketId={ticket.id} />);
}
