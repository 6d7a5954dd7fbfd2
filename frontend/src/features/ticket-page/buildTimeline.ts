import type { Comment, TicketEvent } from '../../api/workspace-types';
import { describeEvent } from './eventSentences';

export type TimelineItem =
  | { type: 'comment'; key: string; comment: Comment }
  | { type: 'event'; key: string; event: TicketEvent; sentence: string };

/**
 * One list, oldest first: each comment where its event stands, every other event as a
 * sentence. A reply that reopened the ticket also gets its sentence, after the reply.
 */
export function buildTimeline(events: TicketEvent[], comments: Comment[]): TimelineItem[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const placed = new Set<number>();
  const items: { at: string; item: TimelineItem }[] = [];

  for (const event of events) {
    const comment = event.comment_id !== null ? byId.get(event.comment_id) : undefined;
    if (event.kind === 'commented' && comment) {
      placed.add(comment.id);
      items.push({ at: event.at, item: { type: 'comment', key: `c${comment.id}`, comment } });
      if (Object.keys(event.changes).length === 0) continue;
    }
    items.push({
      at: event.at,
      item: { type: 'event', key: `e${event.id}`, event, sentence: describeEvent(event, comment) },
    });
  }
  // Comments whose event this page has not read yet go in by their time.
  for (const comment of comments) {
    if (!placed.has(comment.id)) {
      items.push({ at: comment.created_at, item: { type: 'comment', key: `c${comment.id}`, comment } });
    }
  }
  // A stable sort: events of one moment keep the server's order.
  return items
    .map((entry, index) => ({ ...entry, index, time: new Date(entry.at).getTime() }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map((entry) => entry.item);
}
