/**
 * CaseSubmitted → EligibilityDetermined (and ManualReviewRequired where the rules cannot settle a
 * programme). The case is judged by the rule sets in force on its submission date (WIB). The
 * determination's id derives from the CaseSubmitted event's id, so a redelivered message finds
 * its determination already there and appends nothing.
 */
import type { CaseSubmittedV2Data } from '@lastri/contracts';
import type { StoredEvent } from '@lastri/event-store';

import { wibDateOf } from '@lastri/kernel';
import { Inject, Injectable } from '@nestjs/common';

import { decide } from '../../domain/determination/eligibility.decider';
import { evaluateCase } from '../../domain/evaluation/evaluate-case';
import { inputsFromCaseSubmitted } from '../../domain/inputs/eligibility-inputs';
import { NoRuleSetInForce } from '../application-errors';
import {
  ELIGIBILITY_DEPENDENCIES,
  ELIGIBILITY_SERVICE_ACTOR,
  type EligibilityDependencies,
  type IntakeEventReceived,
} from '../eligibility-dependencies';
import { determinationIds, determinationToAppend } from '../determination-events';
import { EligibilityStream } from '../eligibility-stream';
import { IntakeRecord, sourceOf, submittedSourceIds } from '../intake-record';

/** Part of every id this handler produces: never rename it. */
export const DETERMINE_SUBMITTED_CASE = 'eligibility.determine-submitted-case';

@Injectable()
export class DetermineSubmittedCase {
  private readonly stream: EligibilityStream;
  private readonly intake: IntakeRecord;

  constructor(@Inject(ELIGIBILITY_DEPENDENCIES) private readonly deps: EligibilityDependencies) {
    this.stream = new EligibilityStream(deps.store);
    this.intake = new IntakeRecord(deps.store);
  }

  /** Returns what was appended: nothing when this CaseSubmitted was determined before. */
  async handle(submitted: IntakeEventReceived<CaseSubmittedV2Data>): Promise<StoredEvent[]> {
    const stored = await this.intake.find(submitted.residentId, submitted.id);
    const inputs = inputsFromCaseSubmitted(submitted.data);
    const rulesAsOf = wibDateOf(submitted.data.submittedAt);
    const ruleSets = this.deps.catalogue.inForce(rulesAsOf);
    if (ruleSets.length === 0) throw new NoRuleSetInForce(rulesAsOf);
    const evaluation = evaluateCase(inputs, ruleSets, rulesAsOf);

    const ids = determinationIds(submitted.id, DETERMINE_SUBMITTED_CASE);
    return this.stream.update(submitted.residentId, ({ state }) => {
      const at = this.deps.clock.now().toISOString();
      const events = decide(
        {
          type: 'Determine',
          data: {
            caseId: submitted.data.caseId,
            causationId: submitted.id,
            ...ids,
            trigger: { kind: 'CASE_SUBMITTED' },
            evaluation,
            inputs,
            sourceEventIds: submittedSourceIds(stored),
            sourceEvents: [sourceOf(stored)],
            determinedAt: at,
            record: 'ALWAYS',
          },
        },
        state,
      );
      return determinationToAppend(events, ids, {
        residentId: submitted.residentId,
        caseId: submitted.data.caseId,
        correlationId: submitted.correlationId,
        causationId: submitted.id,
        actor: ELIGIBILITY_SERVICE_ACTOR,
        occurredAt: at,
      });
    });
  }
}
