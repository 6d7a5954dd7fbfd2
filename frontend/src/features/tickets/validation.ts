/** Client-side checks that mirror the server's rules for a new ticket. */

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 10_000;

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
