/** The server's limits (tickets/models.py), checked before sending. */
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 10_000;
export const COMMENT_MAX = 10_000;
