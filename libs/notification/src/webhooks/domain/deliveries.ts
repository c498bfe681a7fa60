/**
 * Where each webhook delivery stands, folded from `webhook-deliveries-<agencyId>`, and what an
 * attempt's outcome means for it (Standard Webhooks' retry guidance): 2xx delivered; 410 Gone
 * disables the subscription; 429 and 5xx, or no answer, are tried again with exponential back-off
 * and jitter, never before the endpoint's Retry-After; any other answer, or a refused target, is
 * final. A delivery that runs out of attempts is dead: listed, and retried only by an operator.
 */
import type { WebhookDeliveredV1Data, WebhookDeliveryRequestedV1Data, WebhookFailedV1Data } from '@lastri/contracts';
import { assertNever } from '@lastri/kernel';

export type DeliveryEvent =
  | { readonly type: 'WebhookDeliveryRequested'; readonly data: WebhookDeliveryRequestedV1Data }
  | { readonly type: 'WebhookDelivered'; readonly data: WebhookDeliveredV1Data }
  | { readonly type: 'WebhookFailed'; readonly data: WebhookFailedV1Data };

export const DELIVERY_EVENT_TYPES: readonly DeliveryEvent['type'][] = ['WebhookDeliveryRequested', 'WebhookDelivered', 'WebhookFailed'];

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'DEAD' | 'RETRIED';

export interface Delivery {
  readonly request: WebhookDeliveryRequestedV1Data;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** When to try next; only for PENDING. */
  readonly nextAttemptAt?: string;
  readonly lastStatusCode?: number | null;
  readonly lastError?: string;
  readonly settledAt?: string;
}

export function evolveDeliveries(deliveries: Map<string, Delivery>, event: DeliveryEvent): void {
  switch (event.type) {
    case 'WebhookDeliveryRequested': {
      if (deliveries.has(event.data.deliveryId)) return;
      deliveries.set(event.data.deliveryId, { request: event.data, status: 'PENDING', attempts: 0, nextAttemptAt: event.data.requestedAt });
      const retried = event.data.cause.retryOf === undefined ? undefined : deliveries.get(event.data.cause.retryOf);
      if (retried) deliveries.set(retried.request.deliveryId, { ...retried, status: 'RETRIED' });
      return;
    }
    case 'WebhookDelivered': {
      const delivery = deliveries.get(event.data.deliveryId);
      if (delivery) deliveries.set(delivery.request.deliveryId, { ...delivery, status: 'DELIVERED', attempts: event.data.attempt, nextAttemptAt: undefined, lastStatusCode: event.data.statusCode, settledAt: event.data.deliveredAt });
      return;
    }
    case 'WebhookFailed': {
      const delivery = deliveries.get(event.data.deliveryId);
      if (!delivery || delivery.status !== 'PENDING') return;
      const { attempt, nextAttemptAt, statusCode, error, failedAt } = event.data;
      deliveries.set(delivery.request.deliveryId, nextAttemptAt === null
        ? { ...delivery, status: 'DEAD', attempts: attempt, nextAttemptAt: undefined, lastStatusCode: statusCode, lastError: error, settledAt: failedAt }
        : { ...delivery, attempts: attempt, nextAttemptAt, lastStatusCode: statusCode, lastError: error });
      return;
    }
    default:
      return assertNever(event, 'delivery event');
  }
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** Roughly Standard Webhooks' schedule: seconds, then minutes, then hours; about a day in all. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 10, initialDelayMs: 5_000, maxDelayMs: 6 * 60 * 60 * 1000 };

export type AttemptResult =
  | { readonly kind: 'answered'; readonly statusCode: number; readonly retryAfterMs?: number }
  | { readonly kind: 'no-answer'; readonly error: string }
  | { readonly kind: 'refused'; readonly error: string };

export type AttemptOutcome =
  | { readonly kind: 'delivered'; readonly statusCode: number }
  | { readonly kind: 'retry'; readonly statusCode: number | null; readonly error: string; readonly delayMs: number }
  | { readonly kind: 'dead'; readonly statusCode: number | null; readonly error: string; readonly endpointGone: boolean };

/**
 * `jitter` is a number in [0, 1) drawn by the caller (the domain has no randomness): the delay is
 * between half and all of the exponential step, so endpoints recovering from an outage are not hit
 * by every delivery at the same instant.
 */
export function outcomeOf(result: AttemptResult, attempt: number, policy: RetryPolicy, jitter: number): AttemptOutcome {
  if (result.kind === 'refused') return { kind: 'dead', statusCode: null, error: result.error, endpointGone: false };
  const statusCode = result.kind === 'answered' ? result.statusCode : null;
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return { kind: 'delivered', statusCode };
  const error = result.kind === 'answered' ? `HTTP ${result.statusCode}` : result.error;
  if (statusCode === 410) return { kind: 'dead', statusCode, error, endpointGone: true };
  const transient = statusCode === null || statusCode === 429 || statusCode >= 500;
  if (!transient || attempt >= policy.maxAttempts) return { kind: 'dead', statusCode, error, endpointGone: false };
  const step = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(step * (0.5 + jitter / 2));
  const retryAfter = result.kind === 'answered' ? result.retryAfterMs : undefined;
  return { kind: 'retry', statusCode, error, delayMs: Math.max(jittered, Math.min(retryAfter ?? 0, policy.maxDelayMs)) };
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
