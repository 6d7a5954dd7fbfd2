import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../../../api/tickets';
import { ApiError } from '../../../api/client';
import { makeClassification, makeTicket } from '../../../test/factories';
import { TicketForm } from '../TicketForm';

vi.mock('../../../api/tickets');

const create = vi.mocked(api.createTicket);

function setup(requester: 'required' | 'optional') {
  const user = userEvent.setup();
  const onCreated = vi.fn();
  render(<TicketForm onCreated={onCreated} requester={requester} />);
  return { user, onCreated };
}

async function describeProblem(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Title'), 'Cannot pay');
  await user.type(screen.getByLabelText('Description'), 'The card form rejects my card');
}

describe('TicketForm: who is asking', () => {
  beforeEach(() => {
    vi.mocked(api.classifyTicket).mockResolvedValue(makeClassification());
    create.mockResolvedValue(makeTicket({ id: 5 }));
  });

  it('asks customers for their name and e-mail before sending', async () => {
    const { user } = setup('required');
    await describeProblem(user);

    await user.click(screen.getByRole('button', { name: /submit ticket/i }));

    const name = screen.getByLabelText('Your name');
    expect(name).toHaveAccessibleDescription(/Please tell us your name\./);
    expect(screen.getByLabelText('Your e-mail')).toHaveAccessibleDescription(/Please give an e-mail address/);
    expect(name).toHaveFocus();
    expect(create).not.toHaveBeenCalled();
  });

  it('checks that the e-mail is an address', async () => {
    const { user } = setup('required');
    await describeProblem(user);
    await user.type(screen.getByLabelText('Your name'), 'Rita Requester');
    await user.type(screen.getByLabelText('Your e-mail'), 'rita@example');

    await user.click(screen.getByRole('button', { name: /submit ticket/i }));

    const email = screen.getByLabelText('Your e-mail');
    expect(email).toHaveAccessibleDescription(/Enter an e-mail address like name@example\.com\./);
    expect(email).toHaveFocus();
    expect(create).not.toHaveBeenCalled();
  });

  it('sends them as requester_name and requester_email', async () => {
    const { user, onCreated } = setup('required');
    await user.type(screen.getByLabelText('Your name'), '  Rita Requester ');
    await user.type(screen.getByLabelText('Your e-mail'), 'rita@example.com ');
    await describeProblem(user);

    await user.click(screen.getByRole('button', { name: /submit ticket/i }));

    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Cannot pay',
        description: 'The card form rejects my card',
        requester_name: 'Rita Requester',
        requester_email: 'rita@example.com',
      }),
    );
  });

  it('lets agents leave them out: nothing is sent for empty fields', async () => {
    const { user, onCreated } = setup('optional');
    expect(screen.getByLabelText("Requester's name")).not.toHaveAttribute('aria-required');
    await describeProblem(user);

    await user.click(screen.getByRole('button', { name: /submit ticket/i }));

    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    const body = create.mock.calls[0][0];
    expect(body).not.toHaveProperty('requester_name');
    expect(body).not.toHaveProperty('requester_email');
  });

  it('sends what an agent filled in for the requester', async () => {
    const { user, onCreated } = setup('optional');
    await user.type(screen.getByLabelText("Requester's e-mail"), 'caller@example.org');
    await describeProblem(user);

    await user.click(screen.getByRole('button', { name: /submit ticket/i }));

    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(create.mock.calls[0][0]).toMatchObject({ requester_email: 'caller@example.org' });
    expect(create.mock.calls[0][0]).not.toHaveProperty('requester_name');
  });

  it("shows the server's refusal beside the e-mail field", async () => {
    create.mockRejectedValue(
      new ApiError('Invalid input.', { status: 400, fieldErrors: { requester_email: ['Enter a valid email address.'] } }),
    );
    const { user } = setup('required');
    await user.type(screen.getByLabelText('Your name'), 'Rita');
    await user.type(screen.getByLabelText('Your e-mail'), 'rita@example.com');
    await describeProblem(user);

    await user.click(screen.getByRole('button', { name: /submit ticket/i }));

    const email = screen.getByLabelText('Your e-mail');
    await waitFor(() => expect(email).toHaveAccessibleDescription(/Enter a valid email address\./));
    expect(email).toHaveFocus();
  });
});
