/** Shapes of the ticket API (see the project's API contract). */

export const CATEGORIES = ['billing', 'technical', 'account', 'general'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export const STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;

export type Category = (typeof CATEGORIES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Status = (typeof STATUSES)[number];

export type Provider = 'openai' | 'anthropic' | 'openai-compatible' | 'local' | 'default';
export type ConfidenceBand = 'high' | 'medium' | 'low';

export interface AiSuggestion {
  category: Category;
  priority: Priority;
  category_confidence: number;
  priority_confidence: number;
  provider: Provider;
}

export interface Requester {
  name: string | null;
  email: string | null;
}

export interface Ticket {
  id: number;
  title: string;
  description: string;
  category: Category;
  priority: Priority;
  status: Status;
  created_at: string;
  updated_at: string;
  ai_suggestion: AiSuggestion | null;
  /** Who asked (wave 2 of the API; absent from older servers). */
  requester?: Requester;
  /** The requester's private link to follow and answer the ticket (wave 2). */
  portal_url?: string;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
  count_is_estimate?: boolean;
}

export const SORTS = ['newest', 'oldest', 'priority'] as const;
export type Sort = (typeof SORTS)[number];
export const AI_OVERRIDDEN = ['category', 'priority', 'any'] as const;
export type AiOverridden = (typeof AI_OVERRIDDEN)[number];

/** The list's filters (CONTRACT §3 and §9); an empty value means no filter. */
export interface TicketFilters {
  category?: Category | '';
  priority?: Priority | '';
  status?: Status | '';
  search?: string;
  /** `me`, `none`, or an agent's id. */
  assignee?: string;
  /** Inclusive dates (YYYY-MM-DD), in `tz` (an IANA zone; UTC when absent). */
  created_from?: string;
  created_to?: string;
  tz?: string;
  ai_overridden?: AiOverridden | '';
  sort?: Sort | '';
  page?: number;
  page_size?: number;
}

export interface TicketCreate {
  title: string;
  description: string;
  category?: Category;
  priority?: Priority;
  requester_name?: string;
  requester_email?: string;
}

export type TicketUpdate = Partial<Pick<Ticket, 'title' | 'description' | 'category' | 'priority' | 'status'>>;

export interface Classification {
  suggested_category: Category;
  suggested_priority: Priority;
  category_confidence: number;
  priority_confidence: number;
  confidence_band: ConfidenceBand;
  provider: Provider;
  /** Instant mode: a better answer (the configured LLM's) is on its way; ask again shortly. */
  pending?: boolean;
}

export interface AiStats {
  suggested: number;
  category_kept: number | null;
  priority_kept: number | null;
}

/** One calendar day of the stats' last 30 (in the requested time zone). */
export interface DayCount {
  date: string;
  created: number;
  /** Tickets whose resolved_at falls on that day (resolved or closed, not reopened since). */
  resolved: number;
}

export interface Stats {
  total_tickets: number;
  /** Tickets whose status is `open` (not `in_progress`). */
  open_tickets: number;
  avg_tickets_per_day: number;
  priority_breakdown: Record<Priority, number>;
  category_breakdown: Record<Category, number>;
  ai?: AiStats;
  // Wave 2 (CONTRACT §9); absent from an older server.
  status_breakdown?: Record<Status, number>;
  tickets_per_day?: DayCount[];
  median_first_response_seconds?: number | null;
  median_resolution_seconds?: number | null;
}

export const ROLES = ['agent', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user (`GET /api/auth/me/`). */
export interface Me {
  id: number;
  username: string;
  name: string;
  email: string;
  role: Role;
}

export interface Credentials {
  username: string;
  password: string;
}

export interface PasswordChange {
  current_password: string;
  new_password: string;
}

/** An API token as its owner sees it in the list: never the secret. */
export interface ApiToken {
  id: number;
  name: string;
  created_at: string;
  expires_at: string | null;
}

/** A token just created: the one answer that carries its secret. */
export interface NewApiToken extends ApiToken {
  token: string;
}

export interface TokenCreate {
  name: string;
  expires_in_days?: number;
}

/** A user as admins see them on the Team page. */
export interface User extends Me {
  is_active: boolean;
  last_login: string | null;
}

export interface UserCreate {
  username: string;
  name: string;
  email: string;
  role: Role;
  password: string;
}

export type UserUpdate = Partial<Pick<User, 'name' | 'email' | 'role' | 'is_active'>> & { password?: string };

/** An assignee for pickers. */
export interface Agent {
  id: number;
  name: string;
}
