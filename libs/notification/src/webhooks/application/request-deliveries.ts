/**
 * Turns referral events into webhook deliveries: one WebhookDeliveryRequested per enabled
 * subscription of the agency the referral is addressed to that asked for the event's type (and
 * the minimised event on the agency's Kafka topic where brokers are configured). Also a replay of
 * an agency's events in a time window, and an operator's retry of a dead delivery. Ids derive from
 * the cause, so a redelivered referral event or a repeated request appends nothing new.
 */
import { STREAM_PREFIXES } from '@lastri/contracts';
import { START, type GlobalPosition } from '@lastri/event-store';
import { newId } from '@lastri/kernel';
import { Inject, Injectable } from '@nestjs/common';

import type { DeliveryEvent } from '../domain/deliveries';
import { isPartnerAgency } from '../domain/partner-agencies';
import { refuse, type WebhookError } from '../domain/webhook-subscriptions.errors';
import { DeliveryLog } from './delivery-log';
import { PartnerEvents, referralEventRef, type ReferralEventRef } from './partner-events';
import { appendDeliveryEvents, derivedId, readSubscriptions, webhookIdOf } from './webhook-streams';
import { SERVICE_ACTOR, WEBHOOKS_DEPENDENCIES, type WebhookOperator, type WebhooksDependencies } from './webhooks-dependencies';

type Requested = Extract<DeliveryEvent, { type: 'WebhookDeliveryRequested' }> & { id: string };
type Cause = Requested['data']['cause'];

const PAGE_SIZE = 1000;

@Injectable()
export class RequestDeliveries {
  private readonly partnerEvents: PartnerEvents;

  constructor(
    @Inject(WEBHOOKS_DEPENDENCIES) private readonly deps: WebhooksDependencies,
    private readonly log: DeliveryLog,
  ) {
    this.partnerEvents = new PartnerEvents(deps.store, deps.policy);
  }

  /** A referral event as it arrives from `lastri.referral.events`. Returns how many deliveries it requested. */
  async onReferralEvent(event: ReferralEventRef, correlationId: string): Promise<number> {
    const agencyId = PartnerEvents.agencyOf(event);
    if (agencyId === undefined) return 0;
    if (this.deps.partnerTopics) {
      const built = await this.partnerEvents.build(event);
      if (built) await this.deps.partnerTopics.publish(built.agencyId, built.event, event.id, built.referralId);
    }
    return this.request(agencyId, [event], { kind: 'EVENT' }, { actor: SERVICE_ACTOR, correlationId, causationId: event.id });
  }

  /** Sends the agency's referral events that happened in [from, to) again, as new deliveries with the same webhook-ids. */
  async replay(request: { agencyId: string; from: string; to?: string }, operator: WebhookOperator): Promise<{ replayId: string; events: number; deliveries: number } | WebhookError> {
    if (!isPartnerAgency(request.agencyId)) return refuse.agencyNotFound(request.agencyId);
    const from = Date.parse(request.from);
    const to = request.to === undefined ? this.deps.clock.now().getTime() : Date.parse(request.to);
    if (Number.isNaN(from) || Number.isNaN(to) || from >= to) return refuse.replayWindowInvalid();
    const events: ReferralEventRef[] = [];
    let position: GlobalPosition = START;
    for (;;) {
      const page = await this.deps.store.readAll(position, PAGE_SIZE);
      if (page.length === 0) break;
      for (const stored of page) {
        if (!stored.streamName.startsWith(STREAM_PREFIXES.referral)) continue;
        const occurred = Date.parse(stored.metadata.occurredAt);
        if (occurred < from || occurred >= to) continue;
        const ref = referralEventRef(stored);
        if (PartnerEvents.agencyOf(ref) === request.agencyId) events.push(ref);
      }
      position = page[page.length - 1].globalPosition;
    }
    const replayId = newId();
    const deliveries = await this.request(request.agencyId, events, { kind: 'REPLAY', replayId, requestedBy: operator.actor }, { actor: operator.actor, correlationId: operator.correlationId ?? replayId });
    return { replayId, events: events.length, deliveries };
  }

  /** A dead delivery sent again by an operator: a new delivery, the same webhook-id. */
  async retryDead(request: { agencyId: string; deliveryId: string }, operator: WebhookOperator): Promise<{ deliveryId: string } | WebhookError> {
    const dead = await this.log.find(request.deliveryId);
    if (!dead || dead.request.agencyId !== request.agencyId) return refuse.deliveryNotFound(request.deliveryId);
    if (dead.status !== 'DEAD') return refuse.deliveryNotDead(request.deliveryId);
    const at = this.deps.clock.now();
    const deliveryId = derivedId(dead.request.deliveryId, 'retry');
    const { cause: _previous, ...same } = dead.request;
    await appendDeliveryEvents(
      this.deps.store,
      request.agencyId,
      [{ id: deliveryId, type: 'WebhookDeliveryRequested', data: { ...same, deliveryId, requestedAt: at.toISOString(), cause: { kind: 'RETRY', retryOf: dead.request.deliveryId, requestedBy: operator.actor } } }],
      { actor: operator.actor, correlationId: operator.correlationId ?? newId(), at },
    );
    this.log.requested();
    return { deliveryId };
  }

  private async request(
    agencyId: string,
    events: readonly ReferralEventRef[],
    cause: Cause,
    context: { actor: string; correlationId: string; causationId?: string },
  ): Promise<number> {
    if (events.length === 0) return 0;
    const subscriptions = [...(await readSubscriptions(this.deps.store, agencyId)).subscriptions.values()].filter((subscription) => subscription.enabled);
    const at = this.deps.clock.now();
    const requested: Requested[] = [];
    for (const event of events) {
      for (const subscription of subscriptions) {
        if (!subscription.eventTypes.includes(event.type)) continue;
        const deliveryId = derivedId(event.id, subscription.subscriptionId, cause.replayId ?? 'event');
        requested.push({
          id: deliveryId,
          type: 'WebhookDeliveryRequested',
          data: {
            deliveryId,
            webhookId: webhookIdOf(event.id, subscription.subscriptionId),
            subscriptionId: subscription.subscriptionId,
            agencyId,
            eventId: event.id,
            eventType: event.type,
            residentId: event.residentId,
            occurredAt: event.occurredAt,
            requestedAt: at.toISOString(),
            cause,
          },
        });
      }
    }
    const appended = await appendDeliveryEvents(this.deps.store, agencyId, requested, { ...context, at });
    if (appended.length > 0) this.log.requested();
    return requested.length;
  }
}
