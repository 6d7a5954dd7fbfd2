export { TicketForm } from './TicketForm';
export { TicketBrowser } from './TicketBrowser';
export { SubmissionConfirmation } from './SubmissionConfirmation';
