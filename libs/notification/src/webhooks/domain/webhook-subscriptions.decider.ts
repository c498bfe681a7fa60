/**
 * Decides what an agency's webhook subscriptions become. Secrets, ids and the endpoint's address
 * check (DNS) happen before the command: the decider sees values only.
 */
import { assertNever, type Decider } from '@lastri/kernel';

import { isPartnerAgency, isPartnerEventType } from './partner-agencies';
import { refuse, type WebhookError } from './webhook-subscriptions.errors';
import {
  evolve,
  initialState,
  type SigningSecret,
  type WebhookSubscriptionEvent,
  type WebhookSubscriptionsState,
} from './webhook-subscriptions.state';

interface Operation {
  readonly agencyId: string;
  readonly at: string;
  readonly by: string;
}

export type WebhookSubscriptionCommand =
  | { readonly type: 'CreateSubscription'; readonly data: Operation & { subscriptionId: string; endpointUrl: string; eventTypes: readonly string[]; secret: SigningSecret } }
  | { readonly type: 'AddSecret'; readonly data: Operation & { subscriptionId: string; secret: SigningSecret; previousSecretsExpireAt: string } }
  | { readonly type: 'DisableSubscription'; readonly data: Operation & { subscriptionId: string; reason: 'REQUESTED' | 'ENDPOINT_GONE' } }
  | { readonly type: 'EnableSubscription'; readonly data: Operation & { subscriptionId: string } };

export function decide(command: WebhookSubscriptionCommand, state: WebhookSubscriptionsState): WebhookSubscriptionEvent[] | WebhookError {
  const { agencyId, subscriptionId, at, by } = command.data;
  if (!isPartnerAgency(agencyId)) return refuse.agencyNotFound(agencyId);
  const subscription = state.subscriptions.get(subscriptionId);
  switch (command.type) {
    case 'CreateSubscription': {
      if (subscription) return [];
      const unknown = command.data.eventTypes.find((type) => !isPartnerEventType(type));
      if (unknown !== undefined) return refuse.eventTypeUnknown(unknown);
      const { endpointUrl, eventTypes, secret } = command.data;
      return [{ type: 'WebhookSubscriptionCreated', data: { subscriptionId, agencyId, endpointUrl, eventTypes: [...new Set(eventTypes)], secret, createdAt: at, createdBy: by } }];
    }
    case 'AddSecret':
      if (!subscription) return refuse.subscriptionNotFound(subscriptionId);
      return [{ type: 'WebhookSecretAdded', data: { subscriptionId, agencyId, secret: command.data.secret, previousSecretsExpireAt: command.data.previousSecretsExpireAt, addedBy: by } }];
    case 'DisableSubscription':
      if (!subscription) return refuse.subscriptionNotFound(subscriptionId);
      if (!subscription.enabled) return refuse.alreadyDisabled(subscriptionId);
      return [{ type: 'WebhookSubscriptionDisabled', data: { subscriptionId, agencyId, reason: command.data.reason, disabledAt: at, disabledBy: by } }];
    case 'EnableSubscription':
      if (!subscription) return refuse.subscriptionNotFound(subscriptionId);
      if (subscription.enabled) return refuse.alreadyEnabled(subscriptionId);
      return [{ type: 'WebhookSubscriptionEnabled', data: { subscriptionId, agencyId, enabledAt: at, enabledBy: by } }];
    default:
      return assertNever(command, 'webhook subscription command');
  }
}

export const webhookSubscriptionsDecider: Decider<WebhookSubscriptionCommand, WebhookSubscriptionEvent, WebhookSubscriptionsState, WebhookError, WebhookSubscriptionEvent> = {
  initialState,
  evolve,
  decide,
};
