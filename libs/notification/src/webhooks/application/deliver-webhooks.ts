/**
 * Sends the deliveries that are due and records each attempt's outcome (WebhookDelivered, or
 * WebhookFailed with the next attempt or none). One pass at a time per process, up to
 * `concurrency` sends at once; the outcome's event id derives from the delivery and attempt, so a
 * pass repeated after a crash records an attempt once. 410 Gone also disables the subscription.
 */
import { newId } from '@lastri/kernel';
import { Inject, Injectable, Logger } from '@nestjs/common';

import { outcomeOf, type AttemptResult, type Delivery, type DeliveryEvent } from '../domain/deliveries';
import { activeSecrets, type WebhookSubscription } from '../domain/webhook-subscriptions.state';
import { webhookHeaders } from '../infrastructure/standard-webhooks-signature';
import { DeliveryLog } from './delivery-log';
import { PartnerEvents } from './partner-events';
import { appendDeliveryEvents, derivedId, readSubscriptions } from './webhook-streams';
import { WebhookSubscriptions } from './webhook-subscriptions';
import { SERVICE_ACTOR, WEBHOOKS_DEPENDENCIES, type WebhooksDependencies } from './webhooks-dependencies';

type Outcome = DeliveryEvent & { id: string };

@Injectable()
export class DeliverWebhooks {
  private readonly logger = new Logger(DeliverWebhooks.name);
  private readonly partnerEvents: PartnerEvents;
  private running?: Promise<number>;
  private again = false;

  constructor(
    @Inject(WEBHOOKS_DEPENDENCIES) private readonly deps: WebhooksDependencies,
    private readonly log: DeliveryLog,
    private readonly subscriptions: WebhookSubscriptions,
  ) {
    this.partnerEvents = new PartnerEvents(deps.store, deps.policy);
  }

  /**
   * Sends everything due now; resolves with how many attempts were made. A call while a pass runs
   * joins it, and the pass then runs once more so that nothing requested meanwhile waits a tick.
   */
  runDue(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let attempts = 0;
      do {
        this.again = false;
        attempts += await this.pass();
      } while (this.again);
      return attempts;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    const now = this.deps.clock.now();
    const due = await this.log.due(now);
    if (due.length === 0) return 0;
    const subscriptions = new Map<string, Promise<ReadonlyMap<string, WebhookSubscription>>>();
    const subscriptionsOf = (agencyId: string) => {
      let read = subscriptions.get(agencyId);
      if (!read) subscriptions.set(agencyId, (read = readSubscriptions(this.deps.store, agencyId).then((state) => state.subscriptions)));
      return read;
    };
    // A 410 in this pass stops the subscription's other deliveries of the same pass too.
    const gone = new Set<string>();
    const outcomes = new OutcomeBatch(this.deps, this.deps.concurrency);
    // Deliveries requested while the pass runs join it, so the senders stay busy; each delivery is
    // attempted once per pass (its outcome may not be stored yet, so the log still shows it due).
    const attempted = new Set(due.map((delivery) => delivery.request.deliveryId));
    const queue = [...due];
    let refilling: Promise<void> | undefined;
    const refill = async () => {
      if (!this.again) return;
      this.again = false;
      for (const delivery of await this.log.due(this.deps.clock.now())) {
        if (attempted.has(delivery.request.deliveryId)) continue;
        attempted.add(delivery.request.deliveryId);
        queue.push(delivery);
      }
    };
    const worker = async () => {
      for (;;) {
        if (queue.length === 0) await (refilling ??= refill().finally(() => (refilling = undefined)));
        const delivery = queue.shift();
        if (!delivery) return;
        await this.attempt(delivery, (await subscriptionsOf(delivery.request.agencyId)).get(delivery.request.subscriptionId), gone, outcomes);
      }
    };
    await Promise.all(Array.from({ length: this.deps.concurrency }, worker));
    await outcomes.flush();
    await this.log.catchUp();
    return attempted.size;
  }

  private async attempt(delivery: Delivery, subscription: WebhookSubscription | undefined, gone: Set<string>, outcomes: OutcomeBatch): Promise<void> {
    const { request } = delivery;
    const attempt = delivery.attempts + 1;
    const now = this.deps.clock.now();
    let result: AttemptResult;
    if (!subscription || !subscription.enabled || gone.has(request.subscriptionId)) {
      result = { kind: 'refused', error: 'subscription disabled' };
    } else {
      const built = await this.partnerEvents.buildStored(request.residentId, request.eventId);
      if (!built || built.agencyId !== request.agencyId) {
        result = { kind: 'refused', error: 'event no longer addressed to this agency' };
      } else {
        const body = JSON.stringify(built.event);
        const secrets = activeSecrets(subscription, now).map((secret) => secret.secret);
        result = await this.deps.sender.send({ url: subscription.endpointUrl, headers: webhookHeaders(secrets, request.webhookId, now, body), body }, now);
      }
    }
    const outcome = outcomeOf(result, attempt, this.deps.retry, this.deps.random());
    const at = this.deps.clock.now();
    const common = {
      deliveryId: request.deliveryId,
      webhookId: request.webhookId,
      subscriptionId: request.subscriptionId,
      agencyId: request.agencyId,
      eventId: request.eventId,
      eventType: request.eventType,
      attempt,
    };
    const id = derivedId(request.deliveryId, String(attempt));
    const event: Outcome =
      outcome.kind === 'delivered'
        ? { id, type: 'WebhookDelivered', data: { ...common, statusCode: outcome.statusCode, deliveredAt: at.toISOString() } }
        : {
            id,
            type: 'WebhookFailed',
            data: {
              ...common,
              statusCode: outcome.statusCode,
              error: outcome.error.slice(0, 1000) || 'failed',
              failedAt: at.toISOString(),
              nextAttemptAt: outcome.kind === 'retry' ? new Date(at.getTime() + outcome.delayMs).toISOString() : null,
            },
          };
    await outcomes.record(request.agencyId, event);
    if (outcome.kind === 'dead' && outcome.endpointGone && subscription?.enabled && !gone.has(request.subscriptionId)) {
      gone.add(request.subscriptionId);
      const disabled = await this.subscriptions.disable({ agencyId: request.agencyId, subscriptionId: request.subscriptionId }, { actor: SERVICE_ACTOR }, 'ENDPOINT_GONE');
      this.logger.warn(`subscription ${request.subscriptionId} of ${request.agencyId}: endpoint answered 410, ${'type' in disabled ? disabled.type : 'disabled'}.`);
    }
  }
}

/**
 * Attempt outcomes appended a few at a time (one transaction for as many as are sent at once),
 * so that recording does not cost more than sending. Until its batch is stored an outcome can be
 * lost to a crash; the delivery is then sent again, which at-least-once already allows.
 */
class OutcomeBatch {
  private readonly waiting = new Map<string, Outcome[]>();
  private appending: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: Pick<WebhooksDependencies, 'store' | 'clock'>, private readonly size: number) {}

  async record(agencyId: string, event: Outcome): Promise<void> {
    const batch = this.waiting.get(agencyId) ?? [];
    batch.push(event);
    this.waiting.set(agencyId, batch);
    if (batch.length >= this.size) await this.append(agencyId);
  }

  async flush(): Promise<void> {
    await Promise.all([...this.waiting.keys()].map((agencyId) => this.append(agencyId)));
    await this.appending;
  }

  /** One append at a time: the stream's hash chain takes them in order. */
  private append(agencyId: string): Promise<unknown> {
    const events = this.waiting.get(agencyId) ?? [];
    this.waiting.delete(agencyId);
    if (events.length === 0) return this.appending;
    const appended = this.appending.then(() => appendDeliveryEvents(this.deps.store, agencyId, events, { actor: SERVICE_ACTOR, correlationId: newId(), at: this.deps.clock.now() }));
    this.appending = appended.catch(() => undefined);
    return appended;
  }
}
