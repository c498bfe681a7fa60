import type { EventStore } from '@lastri/event-store';
import type { Clock } from '@lastri/kernel';

import type { RetryPolicy } from '../domain/deliveries';
import type { PartnerPolicy } from '../domain/partner-policy';
import type { PartnerTopicPublisher } from '../infrastructure/kafka-partner-publisher';
import type { WebhookSender } from '../infrastructure/http-webhook-sender';
import type { TargetRules } from '../infrastructure/webhook-target';

/** What the webhook use cases need, as one value: a spec builds them with `new` on a real store. */
export interface WebhooksDependencies {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly policy: PartnerPolicy;
  readonly retry: RetryPolicy;
  readonly targets: TargetRules;
  readonly sender: WebhookSender;
  /** Absent in standalone (no brokers): the partner topics are then not written. */
  readonly partnerTopics?: PartnerTopicPublisher;
  /** [0, 1) for back-off jitter; tests pass a fixed one. */
  readonly random: () => number;
  /** Deliveries sent at once by one worker pass. */
  readonly concurrency: number;
}

export const WEBHOOKS_DEPENDENCIES = Symbol('WEBHOOKS_DEPENDENCIES');

/** Who asks: the actor as event metadata records it, and the request's correlation id. */
export interface WebhookOperator {
  readonly actor: string;
  readonly correlationId?: string;
}

export const SERVICE_ACTOR = 'service:notification';
