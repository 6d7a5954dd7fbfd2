import type { Status } from '../../api/types';

/** A ticket's status in the customer's words. */
export const CUSTOMER_STATUS: Record<Status, { label: string; explanation: string }> = {
  open: { label: 'Received', explanation: 'We have your request and will answer here soon.' },
  in_progress: { label: 'Being worked on', explanation: 'Someone on our team is working on it.' },
  resolved: {
    label: 'Resolved',
    explanation: 'We think this is solved. If it is not, reply below and the ticket opens again.',
  },
  closed: { label: 'Closed', explanation: 'This request is closed.' },
};
