export * from './types';
export { ApiError } from './client';
export type { FieldErrors } from './client';
export { listTickets, createTicket, updateTicket, classifyTicket, getStats } from './tickets';
