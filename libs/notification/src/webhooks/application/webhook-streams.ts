/**
 * The two streams of an agency's webhooks, outside the `notification-` prefix (they are no
 * resident's history and are never relayed): `webhooks-<agencyId>` (subscriptions, written through
 * the shared command handler) and `webhook-deliveries-<agencyId>` (requests and attempts, appended
 * with deterministic ids so a repeated append is a no-op).
 */
import { upcastEvent } from '@lastri/contracts';
import { contractViolation, handleCommand, isHandlerContractViolation, readState } from '@lastri/decider';
import type { EventStore, NewEvent, StoredEvent } from '@lastri/event-store';
import { newId, uuidV5, type Clock } from '@lastri/kernel';

import type { DeliveryEvent } from '../domain/deliveries';
import { decide, type WebhookSubscriptionCommand } from '../domain/webhook-subscriptions.decider';
import { isWebhookError, refuse, type WebhookError } from '../domain/webhook-subscriptions.errors';
import {
  evolve,
  initialState,
  WEBHOOK_SUBSCRIPTION_EVENT_TYPES,
  type WebhookSubscriptionEvent,
  type WebhookSubscriptionsState,
} from '../domain/webhook-subscriptions.state';
import type { WebhookOperator } from './webhooks-dependencies';

export const SUBSCRIPTIONS_STREAM_PREFIX = 'webhooks-';
export const DELIVERIES_STREAM_PREFIX = 'webhook-deliveries-';

export const subscriptionsStream = (agencyId: string): string => `${SUBSCRIPTIONS_STREAM_PREFIX}${agencyId}`;
export const deliveriesStream = (agencyId: string): string => `${DELIVERIES_STREAM_PREFIX}${agencyId}`;

/**
 * Event metadata v1 requires a residentId (UUID). These streams are about an agency, so they carry
 * the UUID referral derives from the agency id for its agency streams (docs/adr/0011): it names no
 * resident stream, and the same agency has the same subject in both contexts. Copied, not imported.
 */
const AGENCY_SUBJECT_NAMESPACE = '4b0f7a36-5d0e-5c8e-9a51-6a1e0c3f2d11';
export function agencySubjectId(agencyId: string): string {
  return uuidV5(`agency:${agencyId}`, AGENCY_SUBJECT_NAMESPACE);
}

const WEBHOOK_ID_NAMESPACE = 'c7a1f0d2-3b4e-5f60-8a91-b2c3d4e5f607';
/** Stable per referral event and subscription: every attempt, replay and retry carries it, so receivers dedupe. */
export function webhookIdOf(eventId: string, subscriptionId: string): string {
  return `msg_${uuidV5(`${eventId}:${subscriptionId}`, WEBHOOK_ID_NAMESPACE)}`;
}
export function derivedId(...parts: string[]): string {
  return uuidV5(parts.join(':'), WEBHOOK_ID_NAMESPACE);
}

function recordedSubscriptionEvent(stored: StoredEvent): WebhookSubscriptionEvent | undefined {
  if (!(WEBHOOK_SUBSCRIPTION_EVENT_TYPES as readonly string[]).includes(stored.type)) return undefined;
  return upcastEvent(stored) as WebhookSubscriptionEvent;
}

export async function readSubscriptions(store: EventStore, agencyId: string): Promise<WebhookSubscriptionsState> {
  const { state } = await readState(store, { stream: subscriptionsStream(agencyId), recorded: recordedSubscriptionEvent, initialState, evolve });
  return state;
}

export async function runSubscriptionCommand(
  store: EventStore,
  clock: Clock,
  command: WebhookSubscriptionCommand,
  operator: WebhookOperator,
): Promise<WebhookSubscriptionsState | WebhookError> {
  const agencyId = command.data.agencyId;
  const correlationId = operator.correlationId ?? newId();
  const outcome = await handleCommand<WebhookSubscriptionsState, WebhookSubscriptionEvent, WebhookError>(store, {
    stream: subscriptionsStream(agencyId),
    recorded: recordedSubscriptionEvent,
    initialState,
    evolve,
    decide: (state): NewEvent[] | WebhookError => {
      const decision = decide(command, state);
      if (isWebhookError(decision)) return decision;
      return decision.map((event) => ({
        id: newId(),
        type: event.type,
        schemaVersion: 1,
        data: event.data,
        metadata: { residentId: agencySubjectId(agencyId), correlationId, actor: operator.actor, occurredAt: clock.now().toISOString() },
      }));
    },
  });
  if (outcome.ok) return outcome.stored.map(recordedSubscriptionEvent).filter((event) => event !== undefined).reduce(evolve, outcome.before);
  const refusal = outcome.refusal;
  if (isWebhookError(refusal)) return refusal;
  if (isHandlerContractViolation(refusal)) return refuse.eventContractViolation(refusal.eventType);
  throw new Error(`agency ${agencyId}: the webhook subscriptions kept changing while deciding ${command.type}.`);
}

/** Appends delivery events; each id derives from what caused it, so a repeat is a no-op. */
export async function appendDeliveryEvents(
  store: EventStore,
  agencyId: string,
  events: readonly (DeliveryEvent & { readonly id: string })[],
  context: { readonly actor: string; readonly correlationId: string; readonly causationId?: string; readonly at: Date },
): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const newEvents: NewEvent[] = events.map((event) => ({
    id: event.id,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: {
      residentId: agencySubjectId(agencyId),
      correlationId: context.correlationId,
      ...(context.causationId ? { causationId: context.causationId } : {}),
      actor: context.actor,
      occurredAt: context.at.toISOString(),
    },
  }));
  const violation = contractViolation(newEvents);
  if (violation) throw new Error(`${violation.eventType} breaks its contract (${violation.part}): ${JSON.stringify(violation.issues)}`);
  const result = await store.append(deliveriesStream(agencyId), newEvents, 'any');
  return result.appended;
}
