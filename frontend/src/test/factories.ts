import type { ApiToken, Classification, Me, Page, Stats, Ticket, User } from '../api';

let nextId = 100;

export function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  const id = overrides.id ?? nextId++;
  return {
    id,
    title: `Ticket ${id}`,
    description: 'Something does not work as expected.',
    category: 'technical',
    priority: 'medium',
    status: 'open',
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
    ai_suggestion: null,
    ...overrides,
  };
}

export function makePage(results: Ticket[], overrides: Partial<Page<Ticket>> = {}): Page<Ticket> {
  return { count: results.length, next: null, previous: null, results, ...overrides };
}

export function makeStats(overrides: Partial<Stats> = {}): Stats {
  return {
    total_tickets: 124,
    open_tickets: 67,
    avg_tickets_per_day: 8.3,
    priority_breakdown: { low: 30, medium: 52, high: 31, critical: 11 },
    category_breakdown: { billing: 28, technical: 55, account: 22, general: 19 },
    ...overrides,
  };
}

export function makeClassification(overrides: Partial<Classification> = {}): Classification {
  return {
    suggested_category: 'billing',
    suggested_priority: 'high',
    category_confidence: 0.91,
    priority_confidence: 0.64,
    confidence_band: 'medium',
    provider: 'local',
    ...overrides,
  };
}

/** A promise with its resolve/reject exposed, to hold a request in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

let nextUserId = 1;

export function makeMe(overrides: Partial<Me> = {}): Me {
  const id = overrides.id ?? nextUserId++;
  return { id, username: `agent${id}`, name: `Agent ${id}`, email: `agent${id}@example.com`, role: 'agent', ...overrides };
}

export function makeUser(overrides: Partial<User> = {}): User {
  return { ...makeMe(overrides), is_active: true, last_login: '2026-11-20T09:30:00Z', ...overrides };
}

export function makeToken(overrides: Partial<ApiToken> = {}): ApiToken {
  const id = overrides.id ?? nextUserId++;
  return { id, name: `Token ${id}`, created_at: '2026-11-01T08:00:00Z', expires_at: null, ...overrides };
}
