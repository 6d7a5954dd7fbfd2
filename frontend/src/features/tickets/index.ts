export { TicketForm, REQUESTER_FIELDS } from './TicketForm';
export { TicketBrowser } from './TicketBrowser';
export { SubmissionConfirmation } from './SubmissionConfirmation';
