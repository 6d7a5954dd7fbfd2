import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  ApiError,
  CATEGORIES,
  PRIORITIES,
  createTicket,
  type Category,
  type Classification,
  type Priority,
  type Ticket,
  type TicketCreate,
} from '../../api';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { BAND_LABELS, CATEGORY_LABELS, PRIORITY_LABELS, providerLabel } from '../../lib/labels';
import styles from './TicketForm.module.css';
import { RequesterFields, requesterFieldId } from './RequesterFields';
import { useSuggestion } from './useSuggestion';
import {
  DESCRIPTION_MAX,
  TITLE_MAX,
  validateDescription,
  validateDraft,
  validateRequesterEmail,
  validateRequesterName,
  validateTitle,
  type DraftErrors,
} from './validation';

/**
 * Ask who is writing ("Your name", "Your e-mail") and send it as `requester_name`
 * and `requester_email` (CONTRACT §9). Off, the form sends neither: for a server
 * from before requesters, which refuses the two fields as unknown.
 */
export const REQUESTER_FIELDS = true;

type Field = 'requester_name' | 'requester_email' | 'title' | 'description' | 'category' | 'priority';
type FieldErrorMap = Partial<Record<Field, string[]>>;
const FIELDS: Field[] = ['requester_name', 'requester_email', 'title', 'description', 'category', 'priority'];

interface TicketFormProps {
  onCreated?: (ticket: Ticket) => void;
  /**
   * Customers must say who they are ('required'); agents filing for someone
   * may ('optional'). Only while REQUESTER_FIELDS is on.
   */
  requester?: 'required' | 'optional';
  /** Start with the keyboard in the first field (a second ticket after the first). */
  autoFocus?: boolean;
}

function usable(suggestion: Classification | null): suggestion is Classification {
  // The seed's fallback values are not a real suggestion: let the server decide.
  return suggestion !== null && suggestion.provider !== 'default';
}

function fromDraftErrors(errors: DraftErrors): FieldErrorMap {
  const out: FieldErrorMap = {};
  if (errors.title) out.title = [errors.title];
  if (errors.description) out.description = [errors.description];
  return out;
}

export function TicketForm({ onCreated, requester = 'optional', autoFocus = false }: TicketFormProps) {
  const id = useId();
  const askRequester = REQUESTER_FIELDS;
  const requesterRequired = requester === 'required';
  const [requesterName, setRequesterName] = useState('');
  const [requesterEmail, setRequesterEmail] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  // What the user picked by hand ('' = nothing: the AI's suggestion, if any, applies).
  const [categoryPick, setCategoryPick] = useState<Category | ''>('');
  const [priorityPick, setPriorityPick] = useState<Priority | ''>('');
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const { suggestion, pending, reset } = useSuggestion(title, description);
  // The classifier takes titles the API takes: no suggestion for a longer one, and the form says why.
  const titleTooLongToSuggest = title.trim().length > TITLE_MAX;

  const requesterNameRef = useRef<HTMLInputElement>(null);
  const requesterEmailRef = useRef<HTMLInputElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const categoryRef = useRef<HTMLSelectElement>(null);
  const priorityRef = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (autoFocus) (requesterNameRef.current ?? titleRef.current)?.focus();
  }, [autoFocus]);

  const ai = usable(suggestion) ? suggestion : null;
  const category: Category | '' = categoryPick || ai?.suggested_category || '';
  const priority: Priority | '' = priorityPick || ai?.suggested_priority || '';
  const categoryFromAi = !categoryPick && !!ai;
  const priorityFromAi = !priorityPick && !!ai;

  const fieldIds: Record<Field, string> = {
    requester_name: requesterFieldId(id, 'requester_name'),
    requester_email: requesterFieldId(id, 'requester_email'),
    title: `${id}-title`,
    description: `${id}-description`,
    category: `${id}-category`,
    priority: `${id}-priority`,
  };

  function focusField(field: Field) {
    const refs = {
      requester_name: requesterNameRef,
      requester_email: requesterEmailRef,
      title: titleRef,
      description: descriptionRef,
      category: categoryRef,
      priority: priorityRef,
    };
    refs[field].current?.focus();
  }

  function clearFieldError(field: Field) {
    setErrors((current) => {
      if (!current[field]) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  }

  function validate(field: 'requester_name' | 'requester_email' | 'title' | 'description', value: string) {
    if (field === 'requester_name') return validateRequesterName(value, requesterRequired);
    if (field === 'requester_email') return validateRequesterEmail(value, requesterRequired);
    return field === 'title' ? validateTitle(value) : validateDescription(value);
  }

  function revalidate(field: 'requester_name' | 'requester_email' | 'title' | 'description', value: string) {
    // Once a field shows an error, keep its message in step with the text.
    if (!errors[field]) return;
    const message = validate(field, value);
    setErrors((current) => {
      const next = { ...current };
      if (message) next[field] = [message];
      else delete next[field];
      return next;
    });
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setFormError(null);

    const clientErrors = fromDraftErrors(validateDraft({ title, description }));
    if (askRequester) {
      const nameError = validate('requester_name', requesterName);
      const emailError = validate('requester_email', requesterEmail);
      if (nameError) clientErrors.requester_name = [nameError];
      if (emailError) clientErrors.requester_email = [emailError];
    }
    const firstInvalid = FIELDS.find((field) => clientErrors[field]);
    if (firstInvalid) {
      setErrors(clientErrors);
      focusField(firstInvalid);
      return;
    }

    const body: TicketCreate = { title: title.trim(), description: description.trim() };
    if (category) body.category = category;
    if (priority) body.priority = priority;
    if (askRequester && requesterName.trim()) body.requester_name = requesterName.trim();
    if (askRequester && requesterEmail.trim()) body.requester_email = requesterEmail.trim();

    setErrors({});
    setSubmitting(true);
    try {
      const ticket = await createTicket(body);
      reset();
      setTitle('');
      setDescription('');
      setCategoryPick('');
      setPriorityPick('');
      setRequesterName('');
      setRequesterEmail('');
      onCreated?.(ticket);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('Could not submit the ticket.');
      const fieldErrors: FieldErrorMap = {};
      const other: string[] = [];
      for (const [field, messages] of Object.entries(apiError.fieldErrors)) {
        if ((FIELDS as string[]).includes(field)) fieldErrors[field as Field] = messages;
        else other.push(...messages);
      }
      setErrors(fieldErrors);
      const firstField = FIELDS.find((field) => fieldErrors[field]);
      if (apiError.status === 429) {
        setFormError(
          apiError.retryAfter
            ? `Too many tickets submitted. Please try again in ${apiError.retryAfter} seconds.`
            : 'Too many tickets submitted. Please wait a moment and try again.',
        );
      } else if (other.length > 0) {
        setFormError(other.join(' '));
      } else if (!firstField) {
        setFormError(apiError.message || 'Could not submit the ticket.');
      }
      if (firstField) focusField(firstField);
    } finally {
      setSubmitting(false);
    }
  }

  function describedBy(field: Field, ...extra: string[]) {
    const ids = [...extra];
    if (errors[field]) ids.push(`${fieldIds[field]}-error`);
    return ids.length ? ids.join(' ') : undefined;
  }

  function renderError(field: Field) {
    const messages = errors[field];
    if (!messages?.length) return null;
    return (
      <p className={styles.error} id={`${fieldIds[field]}-error`}>
        {messages.join(' ')}
      </p>
    );
  }

  function suggestionHint(kind: 'category' | 'priority') {
    const hintId = `${fieldIds[kind]}-hint`;
    const fromAi = kind === 'category' ? categoryFromAi : priorityFromAi;
    const pick = kind === 'category' ? categoryPick : priorityPick;
    let content: ReactNode;
    if (ai && fromAi) {
      // A band, never a figure: a model's "100%" would promise a certainty it does not have.
      content = (
        <>
          <span className={styles.aiTag}>AI suggestion</span>{' '}
          <span>
            {BAND_LABELS[ai.confidence_band]} · by {providerLabel(ai.provider)}
          </span>
        </>
      );
    } else if (ai && pick) {
      const suggested =
        kind === 'category' ? CATEGORY_LABELS[ai.suggested_category] : PRIORITY_LABELS[ai.suggested_priority];
      content = <span>Your choice · AI suggested {suggested}</span>;
    } else if (!pick) {
      content = <span>Leave to the AI, or choose one.</span>;
    } else {
      content = <span>Your choice</span>;
    }
    return (
      <p className={styles.hint} id={hintId}>
        {content}
      </p>
    );
  }

  return (
    <form className={styles.form} onSubmit={handleSubmit} noValidate aria-label="New ticket">
      {formError && <ErrorBanner onDismiss={() => setFormError(null)}>{formError}</ErrorBanner>}

      {askRequester && (
        <RequesterFields
          required={requesterRequired}
          idPrefix={id}
          values={{ requester_name: requesterName, requester_email: requesterEmail }}
          errors={errors}
          refs={{ requester_name: requesterNameRef, requester_email: requesterEmailRef }}
          onChange={(field, value) => {
            (field === 'requester_name' ? setRequesterName : setRequesterEmail)(value);
            revalidate(field, value);
          }}
        />
      )}

      <div className={styles.field}>
        <div className={styles.labelRow}>
          <label htmlFor={fieldIds.title}>Title</label>
          <span className={`${styles.counter} ${title.length > TITLE_MAX ? styles.over : ''}`}>
            {title.length}/{TITLE_MAX}
          </span>
        </div>
        <input
          ref={titleRef}
          id={fieldIds.title}
          className="control"
          type="text"
          name="title"
          autoComplete="off"
          placeholder="Short summary of the problem"
          value={title}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={describedBy('title', ...(titleTooLongToSuggest ? [`${fieldIds.title}-suggest`] : []))}
          onChange={(e) => {
            setTitle(e.target.value);
            revalidate('title', e.target.value);
          }}
        />
        {renderError('title')}
        {titleTooLongToSuggest && (
          <p className={styles.hint} id={`${fieldIds.title}-suggest`}>
            Suggestions need a title of at most {TITLE_MAX} characters: shorten it to get the AI&rsquo;s category and
            priority.
          </p>
        )}
      </div>

      <div className={styles.field}>
        <div className={styles.labelRow}>
          <label htmlFor={fieldIds.description}>Description</label>
          <span
            className={`${styles.counter} ${description.length > DESCRIPTION_MAX ? styles.over : ''}`}
          >
            {description.length.toLocaleString('en-US')}/{DESCRIPTION_MAX.toLocaleString('en-US')}
          </span>
        </div>
        <textarea
          ref={descriptionRef}
          id={fieldIds.description}
          className="control"
          name="description"
          rows={5}
          placeholder="What happened, what you expected, and any error message"
          value={description}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy('description')}
          onChange={(e) => {
            setDescription(e.target.value);
            revalidate('description', e.target.value);
          }}
        />
        {renderError('description')}
      </div>

      <div className={styles.suggestStatus}>
        {/* The last suggestion stays in place while a newer one is on its way. */}
        <span aria-live="polite">
          {ai ? (
            <>
              ✦ AI suggested <strong>{CATEGORY_LABELS[ai.suggested_category]}</strong> ·{' '}
              <strong>{PRIORITY_LABELS[ai.suggested_priority]}</strong> ({BAND_LABELS[ai.confidence_band]})
            </>
          ) : pending ? (
            'Getting AI suggestions…'
          ) : suggestion?.provider === 'default' ? (
            'AI suggestions are unavailable right now; the server will choose.'
          ) : (
            'Category and priority are suggested as you describe the problem.'
          )}
        </span>
        {pending && (
          <span className={styles.pending} title="Updating the suggestion">
            <Spinner size="sm" label="Updating the suggestion" announce={false} />
          </span>
        )}
      </div>

      <div className={styles.row}>
        <div className={styles.field}>
          <label htmlFor={fieldIds.category}>Category</label>
          <select
            ref={categoryRef}
            id={fieldIds.category}
            className={`control ${categoryFromAi ? styles.aiControl : ''}`}
            name="category"
            value={category}
            data-source={categoryFromAi ? 'ai' : categoryPick ? 'user' : 'none'}
            aria-invalid={errors.category ? true : undefined}
            aria-describedby={describedBy('category', `${fieldIds.category}-hint`)}
            onChange={(e) => {
              setCategoryPick(e.target.value as Category | '');
              clearFieldError('category');
            }}
          >
            <option value="">Let AI decide</option>
            {CATEGORIES.map((value) => (
              <option key={value} value={value}>
                {CATEGORY_LABELS[value]}
              </option>
            ))}
          </select>
          {suggestionHint('category')}
          {renderError('category')}
        </div>

        <div className={styles.field}>
          <label htmlFor={fieldIds.priority}>Priority</label>
          <select
            ref={priorityRef}
            id={fieldIds.priority}
            className={`control ${priorityFromAi ? styles.aiControl : ''}`}
            name="priority"
            value={priority}
            data-source={priorityFromAi ? 'ai' : priorityPick ? 'user' : 'none'}
            aria-invalid={errors.priority ? true : undefined}
            aria-describedby={describedBy('priority', `${fieldIds.priority}-hint`)}
            onChange={(e) => {
              setPriorityPick(e.target.value as Priority | '');
              clearFieldError('priority');
            }}
          >
            <option value="">Let AI decide</option>
            {PRIORITIES.map((value) => (
              <option key={value} value={value}>
                {PRIORITY_LABELS[value]}
              </option>
            ))}
          </select>
          {suggestionHint('priority')}
          {renderError('priority')}
        </div>
      </div>

      <div className={styles.actions}>
        <Button type="submit" variant="primary" disabled={submitting}>
          {submitting ? 'Submitting…' : 'Submit ticket'}
        </Button>
      </div>
    </form>
  );
}
