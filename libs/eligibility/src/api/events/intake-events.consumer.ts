/**
 * Eligibility's consumer of `lastri.intake.events` (group `lastri.eligibility`, dead letters to
 * `lastri.eligibility.dlq`): the same handler under Kafka and under the embedded store transport.
 * It only routes: the use cases decide, and they are idempotent, so a redelivery is harmless.
 */
import { EVENT_TOPICS, EventTypes, upcast } from '@lastri/contracts';
import type { CaseSubmittedV2Data } from '@lastri/contracts';
import { EventConsumer, UnprocessableEventError, type EventEnvelope } from '@lastri/messaging';
import { Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';

import { IntakeEventNotInStore, NoRuleSetInForce, PinnedRuleSetMissing } from '../../application/application-errors';
import { DetermineSubmittedCase } from '../../application/determine-submitted-case/determine-submitted-case';
import { ReevaluateOnIntakeFacts } from '../../application/reevaluate-on-intake-facts/reevaluate-on-intake-facts';

export const ELIGIBILITY_CONSUMER = 'eligibility';

@EventConsumer(ELIGIBILITY_CONSUMER)
export class IntakeEventsConsumer {
  private readonly logger = new Logger(IntakeEventsConsumer.name);

  constructor(
    private readonly determine: DetermineSubmittedCase,
    private readonly reevaluate: ReevaluateOnIntakeFacts,
  ) {}

  @EventPattern(EVENT_TOPICS.intake)
  async onIntakeEvent(@Payload() event: EventEnvelope): Promise<void> {
    try {
      switch (event.type) {
        case EventTypes.CaseSubmitted: {
          const data = upcast(EventTypes.CaseSubmitted, event.schemaVersion, event.data) as CaseSubmittedV2Data;
          const appended = await this.determine.handle({ ...event, data });
          if (appended.length > 0) this.logger.log(`Case ${data.caseId}: determined (${appended.map((stored) => stored.type).join(', ')}).`);
          return;
        }
        case EventTypes.CircumstancesChanged:
        case EventTypes.ResidentProfileCorrected:
          await this.reevaluate.handle(event);
          return;
        default:
          return;
      }
    } catch (error) {
      // No retry can help these: dead-letter at once, for an operator to act on (publish rules,
      // point the service at the store intake writes to) and re-drive. An intake event is in the
      // store before the relay publishes it, so one that is missing will not appear by waiting.
      if (error instanceof NoRuleSetInForce || error instanceof PinnedRuleSetMissing || error instanceof IntakeEventNotInStore) {
        throw new UnprocessableEventError(error.message, { cause: error });
      }
      throw error;
    }
  }
}
