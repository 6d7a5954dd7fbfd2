import type { Page } from '../api/types';
import type { Actor, Comment, PortalTicket, TicketDetail, TicketEvent } from '../api/workspace-types';

let nextId = 500;

export const PRIYA: Actor = { type: 'agent', id: 1, name: 'Priya Raman' };
export const SAM: Actor = { type: 'agent', id: 2, name: 'Sam Okafor' };
export const ANA: Actor = { type: 'requester', id: null, name: 'Ana Lima' };
export const AI: Actor = { type: 'ai', id: null, name: 'AI' };
export const SYSTEM: Actor = { type: 'system', id: null, name: 'System' };

export function makeTicketDetail(overrides: Partial<TicketDetail> = {}): TicketDetail {
  const id = overrides.id ?? 42;
  return {
    id,
    title: 'Charged twice for my subscription',
    description: 'Hello,\nI was billed twice this month.\n\nPlease refund one.',
    category: 'billing',
    priority: 'medium',
    status: 'open',
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
    ai_suggestion: {
      category: 'billing',
      priority: 'high',
      category_confidence: 0.93,
      priority_confidence: 0.71,
      provider: 'local',
      language: 'en',
    },
    requester: { name: 'Ana Lima', email: 'ana@example.com' },
    assignee: null,
    version: 3,
    first_response_at: null,
    resolved_at: null,
    portal_url: '/portal/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ',
    ...overrides,
  };
}

export function makeEvent(overrides: Partial<TicketEvent> = {}): TicketEvent {
  return {
    id: nextId++,
    version: 1,
    at: '2026-11-20T10:00:00Z',
    actor: PRIYA,
    kind: 'updated',
    changes: {},
    comment_id: null,
    ...overrides,
  };
}

export function makeComment(overrides: Partial<Comment> = {}): Comment {
  return {
    id: nextId++,
    body: 'Thanks, we are looking into it.',
    visibility: 'public',
    author: PRIYA,
    created_at: '2026-11-20T10:05:00Z',
    ...overrides,
  };
}

export function pageOf<T>(results: T[], next: string | null = null): Page<T> {
  return { count: results.length, next, previous: null, results };
}

export function makePortalTicket(overrides: Partial<PortalTicket> = {}): PortalTicket {
  return {
    id: 42,
    title: 'Charged twice for my subscription',
    description: 'Hello,\nI was billed twice this month.',
    status: 'open',
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T11:00:00Z',
    replies: [],
    ...overrides,
  };
}
