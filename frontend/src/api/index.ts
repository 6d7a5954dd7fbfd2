export * from './types';
export { ApiError, CSRF_COOKIE, onUnauthorized, readCookie } from './client';
export type { FieldErrors } from './client';
export { listTickets, listAgentTickets, exportUrl, createTicket, updateTicket, classifyTicket, getStats } from './tickets';
export { getMe, signIn, signOut, changePassword, listTokens, createToken, revokeToken } from './auth';
export { listUsers, createUser, updateUser, listAgents } from './users';
