/** Client-side checks that mirror the server's rules for a new ticket. */

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 10_000;
export const REQUESTER_NAME_MAX = 200;
export const EMAIL_MAX = 254;

export interface TicketDraft {
  title: string;
  description: string;
}

export type DraftErrors = Partial<Record<keyof TicketDraft, string>>;

export function validateTitle(title: string): string | undefined {
  if (!title.trim()) return 'Title is required.';
  if (title.length > TITLE_MAX) return `Title must be at most ${TITLE_MAX} characters (it has ${title.length}).`;
  return undefined;
}

export function validateDescription(description: string): string | undefined {
  if (!description.trim()) return 'Description is required.';
  if (description.length > DESCRIPTION_MAX) {
    return `Description must be at most ${DESCRIPTION_MAX.toLocaleString('en-US')} characters (it has ${description.length.toLocaleString('en-US')}).`;
  }
  return undefined;
}

export function validateDraft(draft: TicketDraft): DraftErrors {
  const errors: DraftErrors = {};
  const title = validateTitle(draft.title);
  const description = validateDescription(draft.description);
  if (title) errors.title = title;
  if (description) errors.description = description;
  return errors;
}

/** `name@example.com` (or `name@localhost`): what the server's address check takes, roughly. */
const EMAIL = /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]{2,}$|^[^\s@]+@localhost$/i;

export function validateRequesterName(name: string, required: boolean): string | undefined {
  if (required && !name.trim()) return 'Please tell us your name.';
  if (name.length > REQUESTER_NAME_MAX) return `Name must be at most ${REQUESTER_NAME_MAX} characters.`;
  return undefined;
}

export function validateRequesterEmail(email: string, required: boolean): string | undefined {
  const value = email.trim();
  if (!value) return required ? 'Please give an e-mail address, so the team can answer you.' : undefined;
  if (value.length > EMAIL_MAX || !EMAIL.test(value)) return 'Enter an e-mail address like name@example.com.';
  return undefined;
}
