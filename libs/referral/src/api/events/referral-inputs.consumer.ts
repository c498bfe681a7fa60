/**
 * Referral's consumer of `lastri.eligibility.events` and `lastri.intake.events` (group
 * `<prefix>.referral`, dead letters to `lastri.referral.dlq`): the same handlers under Kafka and
 * under the embedded store transport. It only routes; the use cases are idempotent, so a
 * redelivery or a replay of the whole log creates nothing new.
 */
import { EVENT_TOPICS, EventTypes, upcast } from '@lastri/contracts';
import type { CaseWithdrawnV1Data, EligibilityDeterminedV1Data, EligibilityOverriddenV1Data, EventType, ManualReviewDecidedV1Data } from '@lastri/contracts';
import { EventConsumer, UnprocessableEventError, type EventEnvelope } from '@lastri/messaging';
import { Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { StoredEvent } from '@lastri/event-store';

import { CancelOnCaseWithdrawn } from '../../application/cancel-on-case-withdrawn/cancel-on-case-withdrawn';
import { ReferOnEligibility } from '../../application/refer-on-eligibility/refer-on-eligibility';
import { EligibilityEventNotInStore } from '../../application/support/eligibility-record';

/** The consumer's name: Kafka group `<prefix>.referral`, dead-letter topic `lastri.referral.dlq`. */
export const REFERRAL_CONSUMER = 'referral';

@EventConsumer(REFERRAL_CONSUMER)
export class ReferralInputsConsumer {
  private readonly logger = new Logger(ReferralInputsConsumer.name);

  constructor(
    private readonly refer: ReferOnEligibility,
    private readonly cancelOnWithdrawal: CancelOnCaseWithdrawn,
  ) {}

  @EventPattern(EVENT_TOPICS.eligibility)
  async onEligibilityEvent(@Payload() event: EventEnvelope): Promise<void> {
    try {
      switch (event.type) {
        case EventTypes.EligibilityDetermined:
          return this.log(event, await this.refer.determined(this.upcast<EligibilityDeterminedV1Data>(event)));
        case EventTypes.ManualReviewDecided:
          return this.log(event, await this.refer.reviewDecided(this.upcast<ManualReviewDecidedV1Data>(event)));
        case EventTypes.EligibilityOverridden:
          return this.log(event, await this.refer.overridden(this.upcast<EligibilityOverriddenV1Data>(event)));
        default:
          return;
      }
    } catch (error) {
      // Eligibility writes the store before its relay publishes: a determination missing from it
      // means this service reads another store, and waiting will not help. Dead-letter at once.
      if (error instanceof EligibilityEventNotInStore) throw new UnprocessableEventError(error.message, { cause: error });
      throw error;
    }
  }

  @EventPattern(EVENT_TOPICS.intake)
  async onIntakeEvent(@Payload() event: EventEnvelope): Promise<void> {
    if (event.type !== EventTypes.CaseWithdrawn) return;
    this.log(event, await this.cancelOnWithdrawal.handle(this.upcast<CaseWithdrawnV1Data>(event)));
  }

  private upcast<Data>(event: EventEnvelope): EventEnvelope<Data> {
    return { ...event, data: upcast(event.type as EventType, event.schemaVersion, event.data) as Data };
  }

  private log(event: EventEnvelope, appended: readonly StoredEvent[]): void {
    if (appended.length > 0) this.logger.log(`${event.type} ${event.id}: ${appended.map((stored) => stored.type).join(', ')}.`);
  }
}
