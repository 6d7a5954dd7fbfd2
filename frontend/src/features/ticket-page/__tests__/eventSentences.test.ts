import { describe, expect, it } from 'vitest';
import { AI, ANA, PRIYA, SAM, SYSTEM, makeComment, makeEvent } from '../../../test/workspace-factories';
import { describeEvent } from '../eventSentences';

const sam = { id: 2, name: 'Sam Okafor' };
const ana = { id: 3, name: 'Ana Lima' };
const priya = { id: 1, name: 'Priya Raman' };

describe('describeEvent: one readable sentence per event', () => {
  it('says who created the ticket', () => {
    expect(describeEvent(makeEvent({ kind: 'created', actor: SYSTEM }))).toBe('System created the ticket');
    expect(describeEvent(makeEvent({ kind: 'created', actor: PRIYA }))).toBe('Priya Raman created the ticket');
    expect(describeEvent(makeEvent({ kind: 'created', actor: ANA }))).toBe('Ana Lima submitted the ticket');
  });

  it('gives the AI suggestion with its provider, band and the lower confidence, never 100%', () => {
    const suggestion = {
      category: 'billing',
      priority: 'high',
      category_confidence: 1,
      priority_confidence: 0.934,
      provider: 'local',
      language: 'en',
    };
    const event = makeEvent({ kind: 'ai_suggested', actor: AI, changes: { ai_suggestion: [null, suggestion] } });
    expect(describeEvent(event)).toBe('AI suggested Billing · High (local model, high confidence, 93%)');

    const unsure = { ...suggestion, provider: 'openai', category_confidence: 0.42, priority_confidence: 0.999 };
    expect(describeEvent(makeEvent({ kind: 'ai_suggested', actor: AI, changes: { ai_suggestion: [null, unsure] } }))).toBe(
      'AI suggested Billing · High (OpenAI, low confidence, 42%)',
    );
  });

  it.each([
    [{ priority: ['medium', 'high'] }, 'Priya Raman changed priority from Medium to High'],
    [{ category: ['billing', 'technical'] }, 'Priya Raman changed category from Billing to Technical'],
    [{ status: ['open', 'in_progress'] }, 'Priya Raman changed status from Open to In progress'],
    [{ status: ['in_progress', 'resolved'] }, 'Priya Raman resolved the ticket'],
    [{ status: ['open', 'closed'] }, 'Priya Raman closed the ticket'],
    [{ status: ['resolved', 'open'] }, 'Priya Raman reopened the ticket'],
    [{ status: ['closed', 'in_progress'] }, 'Priya Raman reopened the ticket as In progress'],
    [{ assignee: [null, sam] }, 'Priya Raman assigned the ticket to Sam Okafor'],
    [{ assignee: [sam, ana] }, 'Priya Raman reassigned the ticket from Sam Okafor to Ana Lima'],
    [{ assignee: [sam, null] }, 'Priya Raman unassigned Sam Okafor'],
    [{ assignee: [null, priya] }, 'Priya Raman took the ticket'],
    [{ assignee: [sam, priya] }, 'Priya Raman took the ticket over from Sam Okafor'],
    [{ assignee: [priya, null] }, 'Priya Raman unassigned themselves'],
    [{ title: ['Old', 'Refund for March'] }, 'Priya Raman renamed the ticket to “Refund for March”'],
    [{ description: ['a', 'b'] }, 'Priya Raman edited the description'],
    [{ portal_link: ['previous link', 'new link'] }, 'Priya Raman replaced the portal link'],
    [
      { priority: ['low', 'critical'], assignee: [null, sam], status: ['open', 'in_progress'] },
      'Priya Raman changed priority from Low to Critical, assigned the ticket to Sam Okafor and changed status from Open to In progress',
    ],
  ])('describes an update of %j', (changes, sentence) => {
    const event = makeEvent({ kind: 'updated', actor: PRIYA, changes: changes as unknown as Record<string, [unknown, unknown]> });
    expect(describeEvent(event)).toBe(sentence);
  });

  it('shortens a long new title', () => {
    const title = 'A'.repeat(100);
    const sentence = describeEvent(makeEvent({ changes: { title: ['x', title] } }));
    expect(sentence).toBe(`Priya Raman renamed the ticket to “${'A'.repeat(59)}…”`);
  });

  it('names the system when it unassigns a deactivated agent', () => {
    expect(describeEvent(makeEvent({ actor: SYSTEM, changes: { assignee: [sam, null] } }))).toBe('System unassigned Sam Okafor');
  });

  it('tells a reply from an internal note, and a reply that reopened the ticket', () => {
    const reply = makeComment({ author: PRIYA, visibility: 'public' });
    const note = makeComment({ author: SAM, visibility: 'internal' });
    const answer = makeComment({ author: ANA, visibility: 'public' });
    const commented = (actor = PRIYA, changes = {}) => makeEvent({ kind: 'commented', actor, changes });

    expect(describeEvent(commented(PRIYA), reply)).toBe('Priya Raman replied');
    expect(describeEvent(commented(SAM), note)).toBe('Sam Okafor added an internal note');
    expect(describeEvent(commented(ANA), answer)).toBe('Ana Lima replied');
    expect(describeEvent(commented(ANA, { status: ['resolved', 'open'] }), answer)).toBe(
      'Ana Lima replied and reopened the ticket',
    );
    // Without the comment at hand (not loaded yet), nothing is claimed about who saw it.
    expect(describeEvent(commented(PRIYA))).toBe('Priya Raman commented');
  });
});
