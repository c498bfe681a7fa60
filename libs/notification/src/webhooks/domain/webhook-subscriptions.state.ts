/**
 * An agency's webhook subscriptions (stream `webhooks-<agencyId>`), folded from their events.
 * A secret signs from when it was added until the next secret's grace for it ends.
 */
import type {
  WebhookSecretAddedV1Data,
  WebhookSubscriptionCreatedV1Data,
  WebhookSubscriptionDisabledV1Data,
  WebhookSubscriptionEnabledV1Data,
} from '@lastri/contracts';
import { assertNever } from '@lastri/kernel';

export type WebhookSubscriptionEvent =
  | { readonly type: 'WebhookSubscriptionCreated'; readonly data: WebhookSubscriptionCreatedV1Data }
  | { readonly type: 'WebhookSecretAdded'; readonly data: WebhookSecretAddedV1Data }
  | { readonly type: 'WebhookSubscriptionDisabled'; readonly data: WebhookSubscriptionDisabledV1Data }
  | { readonly type: 'WebhookSubscriptionEnabled'; readonly data: WebhookSubscriptionEnabledV1Data };

export const WEBHOOK_SUBSCRIPTION_EVENT_TYPES: readonly WebhookSubscriptionEvent['type'][] = [
  'WebhookSubscriptionCreated',
  'WebhookSecretAdded',
  'WebhookSubscriptionDisabled',
  'WebhookSubscriptionEnabled',
];

export interface SigningSecret {
  readonly secretId: string;
  readonly secret: string;
  readonly addedAt: string;
  /** Set when a newer secret was added: signs until then. */
  readonly expiresAt?: string;
}

export interface WebhookSubscription {
  readonly subscriptionId: string;
  readonly agencyId: string;
  readonly endpointUrl: string;
  readonly eventTypes: readonly string[];
  readonly secrets: readonly SigningSecret[];
  readonly enabled: boolean;
  readonly disabledReason?: 'REQUESTED' | 'ENDPOINT_GONE';
  readonly createdAt: string;
}

export interface WebhookSubscriptionsState {
  readonly subscriptions: ReadonlyMap<string, WebhookSubscription>;
}

export const initialState: WebhookSubscriptionsState = { subscriptions: new Map() };

export function evolve(state: WebhookSubscriptionsState, event: WebhookSubscriptionEvent): WebhookSubscriptionsState {
  const subscriptions = new Map(state.subscriptions);
  const current = subscriptions.get(event.data.subscriptionId);
  switch (event.type) {
    case 'WebhookSubscriptionCreated': {
      const { subscriptionId, agencyId, endpointUrl, eventTypes, secret, createdAt } = event.data;
      subscriptions.set(subscriptionId, { subscriptionId, agencyId, endpointUrl, eventTypes, secrets: [secret], enabled: true, createdAt });
      break;
    }
    case 'WebhookSecretAdded':
      if (current) {
        const expireAt = event.data.previousSecretsExpireAt;
        const older = current.secrets.map((secret) =>
          secret.expiresAt !== undefined && Date.parse(secret.expiresAt) < Date.parse(expireAt) ? secret : { ...secret, expiresAt: expireAt },
        );
        subscriptions.set(current.subscriptionId, { ...current, secrets: [...older, event.data.secret] });
      }
      break;
    case 'WebhookSubscriptionDisabled':
      if (current) subscriptions.set(current.subscriptionId, { ...current, enabled: false, disabledReason: event.data.reason });
      break;
    case 'WebhookSubscriptionEnabled':
      if (current) {
        const { disabledReason: _ended, ...rest } = current;
        subscriptions.set(current.subscriptionId, { ...rest, enabled: true });
      }
      break;
    default:
      return assertNever(event, 'webhook subscription event');
  }
  return { subscriptions };
}

/** The secrets that sign a delivery made at `at`: every one added and not yet expired. */
export function activeSecrets(subscription: WebhookSubscription, at: Date): SigningSecret[] {
  const instant = at.getTime();
  return subscription.secrets.filter(
    (secret) => Date.parse(secret.addedAt) <= instant && (secret.expiresAt === undefined || Date.parse(secret.expiresAt) > instant),
  );
}
