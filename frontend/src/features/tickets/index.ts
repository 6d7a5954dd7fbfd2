export { TicketForm } from './TicketForm';
export { QueueView } from './QueueView';
export { SubmissionConfirmation } from './SubmissionConfirmation';
