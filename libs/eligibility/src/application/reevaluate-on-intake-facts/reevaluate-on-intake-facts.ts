/**
 * CircumstancesChanged or ResidentProfileCorrected → re-evaluate each of the resident's open
 * cases (determined and not withdrawn) with the rule-set versions its last determination applied,
 * and append a determination only where some programme's outcome changes.
 *
 * The inputs are the last determination's, with every intake fact recorded after them folded in
 * up to and including this event: a change that moved no outcome is appended nowhere, so the
 * next change must not forget it. Each new determination lists every event it folded and where
 * the store holds it.
 */
import type { StoredEvent } from '@lastri/event-store';
import { EventTypes } from '@lastri/contracts';

import { Inject, Injectable } from '@nestjs/common';

import { decide } from '../../domain/determination/eligibility.decider';
import type { DeterminationTrigger } from '../../domain/determination/eligibility.events';
import { latestDetermination } from '../../domain/determination/eligibility.state';
import { evaluateCase } from '../../domain/evaluation/evaluate-case';
import {
  ELIGIBILITY_DEPENDENCIES,
  ELIGIBILITY_SERVICE_ACTOR,
  type EligibilityDependencies,
  type IntakeEventReceived,
} from '../eligibility-dependencies';
import { determinationIds, determinationToAppend } from '../determination-events';
import { EligibilityStream, type EventToAppend } from '../eligibility-stream';
import { IntakeRecord, appliedThrough, foldIntakeFacts } from '../intake-record';
import { pinnedRuleSets } from '../pinned-rule-sets';

/** Part of every id this handler produces: never rename it. */
export const REEVALUATE_ON_INTAKE_FACTS = 'eligibility.reevaluate-on-intake-facts';

@Injectable()
export class ReevaluateOnIntakeFacts {
  private readonly stream: EligibilityStream;
  private readonly intake: IntakeRecord;

  constructor(@Inject(ELIGIBILITY_DEPENDENCIES) private readonly deps: EligibilityDependencies) {
    this.stream = new EligibilityStream(deps.store);
    this.intake = new IntakeRecord(deps.store);
  }

  async handle(fact: IntakeEventReceived<unknown>): Promise<StoredEvent[]> {
    const trigger: Omit<DeterminationTrigger, 'supersedesDeterminationId'> = {
      kind: fact.type === EventTypes.ResidentProfileCorrected ? 'PROFILE_CORRECTED' : 'CIRCUMSTANCES_CHANGED',
    };
    const stored = await this.intake.find(fact.residentId, fact.id);

    return this.stream.update(fact.residentId, async ({ state }) => {
      const open = [...state.cases.values()]
        .flatMap((caseState) => {
          const latest = latestDetermination(caseState);
          return latest && appliedThrough(latest.data.sourceEvents) < stored.streamVersion ? [{ caseState, latest }] : [];
        })
        .sort((a, b) => a.caseState.caseId.localeCompare(b.caseState.caseId));
      if (open.length === 0) return [];

      const from = Math.min(...open.map(({ latest }) => appliedThrough(latest.data.sourceEvents)));
      const later = await this.intake.after(fact.residentId, from, stored.streamVersion);
      const at = this.deps.clock.now().toISOString();
      const toAppend: EventToAppend[] = [];
      for (const { caseState, latest } of open) {
        const current = foldIntakeFacts(caseState.caseId, latest.data, later);
        if (current.withdrawn || !current.changed) continue;
        const evaluation = evaluateCase(current.inputs, pinnedRuleSets(this.deps.catalogue, latest.data), latest.data.rulesAsOf);
        const ids = determinationIds(fact.id, `${REEVALUATE_ON_INTAKE_FACTS}:${caseState.caseId}`);
        const events = decide(
          {
            type: 'Determine',
            data: {
              caseId: caseState.caseId,
              causationId: fact.id,
              ...ids,
              trigger,
              evaluation,
              inputs: current.inputs,
              sourceEventIds: current.sourceEventIds,
              sourceEvents: current.sourceEvents,
              determinedAt: at,
              record: 'OUTCOME_CHANGED',
            },
          },
          state,
        );
        toAppend.push(
          ...determinationToAppend(events, ids, {
            residentId: fact.residentId,
            caseId: caseState.caseId,
            correlationId: fact.correlationId,
            causationId: fact.id,
            actor: ELIGIBILITY_SERVICE_ACTOR,
            occurredAt: at,
          }),
        );
      }
      return toAppend;
    });
  }
}
