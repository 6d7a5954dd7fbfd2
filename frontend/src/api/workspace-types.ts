/** Shapes of the ticket workspace and the requester portal (the API contract, §9 and §10). */

import type { AiSuggestion, Status, Ticket, TicketUpdate } from './types';

export type Visibility = 'public' | 'internal';
export type ActorType = 'agent' | 'requester' | 'ai' | 'system';
export type EventKind = 'created' | 'updated' | 'commented' | 'ai_suggested';

/** An agent as the assignee picker and tickets name them. */
export interface AgentRef {
  id: number;
  name: string;
}

export interface Requester {
  name: string | null;
  email: string | null;
}

export interface StoredAiSuggestion extends AiSuggestion {
  /** ISO 639-1 code of the ticket's language, or null when unknown. */
  language?: string | null;
}

/** A ticket as agents see it: the wave-1 fields plus who asks, who works on it and its version. */
export interface TicketDetail extends Ticket {
  ai_suggestion: StoredAiSuggestion | null;
  requester: Requester;
  assignee: AgentRef | null;
  /** Grows by one with every event of the ticket; sent back in If-Match. */
  version: number;
  first_response_at: string | null;
  resolved_at: string | null;
  /** The requester's private page: a path, or a full URL when the server knows its address. */
  portal_url: string;
}

/** What PATCH /api/tickets/<id>/ accepts: labels, status, text, and the assignee's id (null: nobody). */
export interface TicketChanges extends TicketUpdate {
  assignee?: number | null;
}

export interface Actor {
  type: ActorType;
  /** The agent's id; null for requesters, the AI and the system. */
  id: number | null;
  name: string;
}

export interface Comment {
  id: number;
  body: string;
  visibility: Visibility;
  author: Actor;
  created_at: string;
}

/** One entry of a ticket's audit trail; `changes` maps each changed field to [old, new]. */
export interface TicketEvent {
  id: number;
  version: number;
  at: string;
  actor: Actor;
  kind: EventKind;
  changes: Record<string, [unknown, unknown]>;
  comment_id: number | null;
}

/** GET /api/auth/me/ */
export interface CurrentUser {
  id: number;
  username: string;
  name: string;
  email: string;
  role: 'agent' | 'admin';
}

export interface PortalReply {
  body: string;
  author: { type: 'agent' | 'requester'; name: string };
  created_at: string;
}

/** The ticket as its requester sees it: public replies only, no AI data, no addresses. */
export interface PortalTicket {
  id: number;
  title: string;
  description: string;
  status: Status;
  created_at: string;
  updated_at: string;
  replies: PortalReply[];
}
