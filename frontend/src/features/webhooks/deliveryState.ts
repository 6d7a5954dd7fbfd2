import type { Delivery } from '../../api/webhooks';

export type DeliveryState = 'delivered' | 'waiting' | 'retrying' | 'failed';

/** What a delivery's fields say: sent, not tried yet, to be tried again, or given up. */
export function deliveryState(delivery: Delivery): DeliveryState {
  if (delivery.delivered_at) return 'delivered';
  if (!delivery.next_attempt_at) return 'failed';
  return delivery.attempts === 0 ? 'waiting' : 'retrying';
}

export const STATE_LABELS: Record<DeliveryState, string> = {
  delivered: 'Delivered',
  waiting: 'Waiting',
  retrying: 'Retrying',
  failed: 'Failed',
};
