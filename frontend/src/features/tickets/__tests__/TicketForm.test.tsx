import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../../../api/tickets';
import { ApiError } from '../../../api/client';
import { deferred, makeClassification, makeTicket } from '../../../test/factories';
import { TicketForm } from '../TicketForm';

vi.mock('../../../api/tickets');

const classify = vi.mocked(api.classifyTicket);
const create = vi.mocked(api.createTicket);

function setup(onCreated = vi.fn()) {
  const user = userEvent.setup();
  render(<TicketForm onCreated={onCreated} />);
  return {
    user,
    onCreated,
    title: screen.getByLabelText('Title'),
    description: screen.getByLabelText('Description'),
    category: screen.getByLabelText('Category') as HTMLSelectElement,
    priority: screen.getByLabelText('Priority') as HTMLSelectElement,
    submit: screen.getByRole('button', { name: /submit ticket/i }),
  };
}

describe('TicketForm', () => {
  beforeEach(() => {
    classify.mockResolvedValue(makeClassification());
  });

  it('shows required-field messages and sends nothing when empty', async () => {
    const { user, submit, title, description } = setup();

    await user.click(submit);

    expect(screen.getByText('Title is required.')).toBeInTheDocument();
    expect(screen.getByText('Description is required.')).toBeInTheDocument();
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('Title is required.');
    expect(description).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveFocus();
    expect(create).not.toHaveBeenCalled();
  });

  it('treats whitespace as blank and enforces the length limits', async () => {
    const { user, submit, title, description } = setup();

    await user.type(title, '   ');
    await user.click(description);
    await user.paste('x'.repeat(10_001));
    await user.click(submit);

    expect(screen.getByText('Title is required.')).toBeInTheDocument();
    expect(screen.getByText(/Description must be at most 10,000 characters/)).toBeInTheDocument();

    await user.clear(title);
    await user.click(title);
    await user.paste('t'.repeat(201));
    expect(screen.getByText(/Title must be at most 200 characters/)).toBeInTheDocument();
    expect(create).not.toHaveBeenCalled();
  });

  it('clears a message once the field is fixed', async () => {
    const { user, submit, title } = setup();
    await user.click(submit);
    expect(screen.getByText('Title is required.')).toBeInTheDocument();

    await user.type(title, 'Login fails');

    expect(screen.queryByText('Title is required.')).not.toBeInTheDocument();
    expect(title).not.toHaveAttribute('aria-invalid');
  });

  it('pre-fills category and priority from the suggestion, marked as AI with band and provider', async () => {
    const { user, title, description, category, priority } = setup();

    await user.type(title, 'Charged twice');
    await user.type(description, 'My card was charged twice this month');

    await waitFor(() => expect(category).toHaveValue('billing'));
    expect(priority).toHaveValue('high');
    expect(category).toHaveAccessibleDescription(/AI suggestion.*medium confidence.*local model/);
    expect(priority).toHaveAccessibleDescription(/AI suggestion/);
    // Debounced: one request for the whole burst of typing, with its cancel signal.
    expect(classify).toHaveBeenCalledTimes(1);
    expect(classify).toHaveBeenCalledWith(
      { title: 'Charged twice', description: 'My card was charged twice this month' },
      expect.any(AbortSignal),
      { instant: true },
    );
  });

  it("replaces the local answer with the LLM's once it is no longer pending", async () => {
    classify
      .mockResolvedValueOnce(makeClassification({ provider: 'local', pending: true }))
      .mockResolvedValueOnce(
        makeClassification({ provider: 'openai', suggested_priority: 'critical', pending: false }),
      );
    const { user, description, priority } = setup();

    await user.type(description, 'Our whole team is locked out since this morning');

    await waitFor(() => expect(priority).toHaveAccessibleDescription(/local model/));
    await waitFor(() => expect(priority).toHaveValue('critical'), { timeout: 3000 });
    expect(priority).toHaveAccessibleDescription(/OpenAI/);
    expect(classify).toHaveBeenCalledTimes(2);
  });

  it('does not ask for a suggestion while the description is short', async () => {
    const { user, description } = setup();
    await user.type(description, 'Help me');
    await new Promise((r) => setTimeout(r, 500));
    expect(classify).not.toHaveBeenCalled();
  });

  it('aborts a stale classification when the text changes', async () => {
    const pending = deferred<ReturnType<typeof makeClassification>>();
    classify.mockReturnValueOnce(pending.promise);
    const { user, description } = setup();

    await user.type(description, 'The app crashes on start');
    await waitFor(() => expect(classify).toHaveBeenCalledTimes(1));
    const firstSignal = classify.mock.calls[0][1] as AbortSignal;

    await user.type(description, ' every time');

    expect(firstSignal.aborted).toBe(true);
    await waitFor(() => expect(classify).toHaveBeenCalledTimes(2));
  });

  it('keeps the last suggestion on screen while a newer one is on its way', async () => {
    const later = deferred<ReturnType<typeof makeClassification>>();
    classify.mockResolvedValueOnce(makeClassification({ suggested_category: 'billing' })).mockReturnValueOnce(later.promise);
    const { user, description, category } = setup();

    await user.type(description, 'I was charged twice');
    await waitFor(() => expect(category).toHaveValue('billing'));
    await user.type(description, ' and cannot log in');
    await waitFor(() => expect(classify).toHaveBeenCalledTimes(2));

    expect(screen.getByText(/AI suggested/)).toHaveTextContent('AI suggested Billing');
    expect(category).toHaveValue('billing');

    later.resolve(makeClassification({ suggested_category: 'account' }));
    await waitFor(() => expect(category).toHaveValue('account'));
  });

  it('never overwrites what the user picked by hand', async () => {
    classify
      .mockResolvedValueOnce(makeClassification({ suggested_category: 'billing', suggested_priority: 'high' }))
      .mockResolvedValueOnce(makeClassification({ suggested_category: 'technical', suggested_priority: 'critical' }));
    create.mockResolvedValue(makeTicket({ id: 7, category: 'technical', priority: 'low' }));
    const { user, title, description, category, priority, submit } = setup();

    await user.selectOptions(priority, 'low');
    await user.type(title, 'Invoice problem');
    await user.type(description, 'The invoice total is wrong');
    await waitFor(() => expect(category).toHaveValue('billing'));
    expect(priority).toHaveValue('low');
    expect(priority).toHaveAccessibleDescription(/Your choice · AI suggested High/);

    await user.type(description, ' and the app crashes');
    await waitFor(() => expect(category).toHaveValue('technical'));
    expect(priority).toHaveValue('low');

    await user.click(submit);
    expect(create).toHaveBeenCalledWith({
      title: 'Invoice problem',
      description: 'The invoice total is wrong and the app crashes',
      category: 'technical',
      priority: 'low',
    });
  });

  it('leaves category and priority to the server when there is no suggestion and no pick', async () => {
    classify.mockRejectedValue(new ApiError('Too many requests.', { status: 429 }));
    create.mockResolvedValue(makeTicket({ id: 8 }));
    const { user, title, description, submit } = setup();

    await user.type(title, 'Question');
    await user.type(description, 'How do I change my email address?');
    await waitFor(() => expect(classify).toHaveBeenCalled());
    await user.click(submit);

    expect(create).toHaveBeenCalledWith({ title: 'Question', description: 'How do I change my email address?' });
  });

  it('does not pre-fill from the fallback defaults', async () => {
    classify.mockResolvedValue(makeClassification({ provider: 'default', suggested_category: 'general', suggested_priority: 'medium' }));
    const { user, description, category } = setup();
    await user.type(description, 'Something odd happened today');
    await screen.findByText(/AI suggestions are unavailable/);
    expect(category).toHaveValue('');
  });

  it('shows server field errors beside their field', async () => {
    create.mockRejectedValue(
      new ApiError('Invalid input.', {
        status: 400,
        fieldErrors: { title: ['A ticket with this title is not allowed.'], category: ['"foo" is not a valid choice.'] },
      }),
    );
    const { user, title, description, category, submit } = setup();
    await user.type(title, 'Hello');
    await user.type(description, 'Please help');
    await user.click(submit);

    expect(await screen.findByText('A ticket with this title is not allowed.')).toBeInTheDocument();
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('A ticket with this title is not allowed.');
    expect(category).toHaveAccessibleDescription(/"foo" is not a valid choice\./);
    expect(title).toHaveFocus();
    expect(title).toHaveValue('Hello');
  });

  it('explains a rate limit with the wait time', async () => {
    create.mockRejectedValue(new ApiError('Request was throttled.', { status: 429, retryAfter: 30 }));
    const { user, title, description, submit } = setup();
    await user.type(title, 'Hello');
    await user.type(description, 'Please help');
    await user.click(submit);

    expect(await screen.findByRole('alert')).toHaveTextContent('Please try again in 30 seconds.');
  });

  it('clears the form and reports the new ticket on success', async () => {
    const ticket = makeTicket({ id: 42, title: 'Cannot log in', category: 'account', priority: 'high' });
    const pending = deferred<typeof ticket>();
    create.mockReturnValue(pending.promise);
    classify.mockResolvedValue(makeClassification({ suggested_category: 'account' }));
    const { user, onCreated, title, description, category, priority, submit } = setup();

    await user.type(title, 'Cannot log in');
    await user.type(description, 'The login page rejects my password');
    await waitFor(() => expect(category).toHaveValue('account'));
    await user.click(submit);
    expect(submit).toBeDisabled();
    expect(submit).toHaveTextContent('Submitting…');

    pending.resolve(ticket);

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(ticket));
    expect(title).toHaveValue('');
    expect(description).toHaveValue('');
    expect(category).toHaveValue('');
    expect(priority).toHaveValue('');
    expect(create).toHaveBeenCalledWith({
      title: 'Cannot log in',
      description: 'The login page rejects my password',
      category: 'account',
      priority: 'high',
    });
  });
});
