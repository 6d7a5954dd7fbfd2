export { TicketForm } from './TicketForm';
export { TicketBrowser } from './TicketBrowser';
