import { ComingSoon } from './ComingSoon';

/** `/webhooks` (admins): managing webhook endpoints comes next. */
export function WebhooksPlaceholderPage() {
  return (
    <ComingSoon title="Webhooks">
      <p>
        Admins will add and remove webhook endpoints here, send a test event, and see each endpoint&apos;s recent
        deliveries.
      </p>
    </ComingSoon>
  );
}
