import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../../../api/tickets';
import { makeClassification } from '../../../test/factories';
import { TicketForm } from '../TicketForm';

vi.mock('../../../api/tickets');

const classify = vi.mocked(api.classifyTicket);

describe('TicketForm: how the live suggestion is shown', () => {
  beforeEach(() => {
    classify.mockReset();
  });

  it('names a confidence band, never a figure such as 100%', async () => {
    classify.mockResolvedValue(
      makeClassification({ category_confidence: 1, priority_confidence: 0.999, confidence_band: 'high' }),
    );
    const user = userEvent.setup();
    const { container } = render(<TicketForm />);

    await user.type(screen.getByLabelText('Description'), 'My invoice was charged twice this month');

    await waitFor(() => expect(screen.getByLabelText('Category')).toHaveAccessibleDescription(/high confidence/));
    expect(container).not.toHaveTextContent(/\d+\s*%/);
  });

  it('explains beside the title why a title over 200 characters gets no suggestion', async () => {
    classify.mockResolvedValue(makeClassification());
    const user = userEvent.setup();
    render(<TicketForm />);
    const title = screen.getByLabelText('Title');

    await user.click(title);
    await user.paste('t'.repeat(201));
    await user.type(screen.getByLabelText('Description'), 'My invoice was charged twice this month');

    expect(title).toHaveAccessibleDescription(/Suggestions need a title of at most 200 characters/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(classify).not.toHaveBeenCalled();

    await user.type(title, '{Backspace}');
    expect(title).not.toHaveAccessibleDescription(/Suggestions need a title/);
    await waitFor(() => expect(classify).toHaveBeenCalled());
  });
});
