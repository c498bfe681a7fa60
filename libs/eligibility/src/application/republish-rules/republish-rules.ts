/**
 * A republication: the rule-set versions in force on a day (by their effectiveFrom dates) become
 * the rules of every open case. Each case still judged by an older version is re-evaluated (with
 * the intake facts recorded since its last determination), and a determination is appended only
 * where some programme's outcome changes; the report says which cases changed and why.
 *
 * A republication is identified by its day and the exact versions in force (their content
 * hashes), so running it twice appends nothing the second time, and its events can be traced
 * back to it.
 */
import { EventTypes } from '@lastri/contracts';
import type { EligibilityDeterminedV1Data } from '@lastri/contracts';
import { deterministicEventId, isCalendarDate, wibDateOf } from '@lastri/kernel';

import { Inject, Injectable } from '@nestjs/common';

import { sha256Digest } from '../../domain/digest';
import { decide } from '../../domain/determination/eligibility.decider';
import { refuse, type RepublicationDateInFuture } from '../../domain/determination/eligibility.errors';
import type { DeterminationTrigger } from '../../domain/determination/eligibility.events';
import { latestDetermination } from '../../domain/determination/eligibility.state';
import { explainChange, type ProgrammeChange } from '../../domain/determination/explain-change';
import { evaluateCase } from '../../domain/evaluation/evaluate-case';
import type { PublishedRuleSet } from '../../domain/rules/rule-catalogue';
import { EligibilityCaseIndex } from '../case-index/eligibility-case-index';
import { ELIGIBILITY_DEPENDENCIES, type EligibilityDependencies } from '../eligibility-dependencies';
import { determinationIds, determinationToAppend } from '../determination-events';
import { EligibilityStream, type EventToAppend } from '../eligibility-stream';
import { IntakeRecord, appliedThrough, foldIntakeFacts } from '../intake-record';

/** Part of every id a republication produces: never rename it. */
export const REPUBLISH_RULES = 'eligibility.republish-rules';

export type RuleSetChange = NonNullable<DeterminationTrigger['ruleSetChanges']>[number];

export interface RepublishRequest {
  /** YYYY-MM-DD; defaults to today (WIB). Never after today. */
  readonly asOf?: string;
  /** `<role>:<userId>` of whoever asked, or `service:eligibility`. */
  readonly actor: string;
  readonly correlationId?: string;
}

export interface ChangedCase {
  readonly residentId: string;
  readonly caseId: string;
  readonly determinationId: string;
  readonly supersedesDeterminationId: string;
  readonly ruleSetChanges: readonly RuleSetChange[];
  readonly programmes: readonly ProgrammeChange[];
}

export interface RepublicationReport {
  readonly republicationId: string;
  readonly asOf: string;
  readonly ruleSetsInForce: readonly { id: string; version: string; effectiveFrom: string; contentHash: string }[];
  /** Open cases seen (determined, not withdrawn). */
  readonly openCases: number;
  /** Of those, cases whose last determination used another version of some rule set. */
  readonly reevaluated: number;
  readonly changed: readonly ChangedCase[];
}

@Injectable()
export class RepublishRules {
  private readonly stream: EligibilityStream;
  private readonly intake: IntakeRecord;

  constructor(
    @Inject(ELIGIBILITY_DEPENDENCIES) private readonly deps: EligibilityDependencies,
    private readonly index: EligibilityCaseIndex,
  ) {
    this.stream = new EligibilityStream(deps.store);
    this.intake = new IntakeRecord(deps.store);
  }

  async run(request: RepublishRequest): Promise<RepublicationReport | RepublicationDateInFuture> {
    const today = wibDateOf(this.deps.clock.now().toISOString());
    const asOf = request.asOf ?? today;
    if (!isCalendarDate(asOf)) throw new RangeError(`asOf must be a date YYYY-MM-DD, got ${JSON.stringify(asOf)}.`);
    if (asOf > today) return refuse.republicationDateInFuture(asOf, today);

    const inForce = this.deps.catalogue.inForce(asOf);
    const republicationId = deterministicEventId(
      sha256Digest({ asOf, ruleSets: inForce.map(({ ruleSet, contentHash }) => [ruleSet.id, ruleSet.version, contentHash]) }),
      REPUBLISH_RULES,
    );
    const correlationId = request.correlationId ?? republicationId;

    let openCases = 0;
    let reevaluated = 0;
    const changed: ChangedCase[] = [];
    for (const residentId of await this.index.residentsWithCases()) {
      // Counted afresh on each attempt: update() decides again after a concurrent append.
      let attempt = { open: 0, reevaluated: 0, superseded: new Map<string, EligibilityDeterminedV1Data>() };
      const appended = await this.stream.update(residentId, async ({ state }) => {
        attempt = { open: 0, reevaluated: 0, superseded: new Map() };
        const toAppend: EventToAppend[] = [];
        const at = this.deps.clock.now().toISOString();
        const determined = [...state.cases.values()]
          .sort((a, b) => a.caseId.localeCompare(b.caseId))
          .flatMap((caseState) => {
            const latest = latestDetermination(caseState);
            return latest ? [{ caseState, latest }] : [];
          });
        if (determined.length === 0) return toAppend;
        // One read of intake's stream for all the resident's cases; each folds only what follows its own determination.
        const later = await this.intake.after(residentId, Math.min(...determined.map(({ latest }) => appliedThrough(latest.data.sourceEvents))));
        for (const { caseState, latest } of determined) {
          const current = foldIntakeFacts(caseState.caseId, latest.data, later);
          if (current.withdrawn) continue;
          attempt.open += 1;
          // Never move a case back to rules older than the date it is already judged on.
          if (latest.data.rulesAsOf > asOf) continue;
          const ruleSetChanges = versionChanges(latest.data, inForce);
          if (ruleSetChanges.length === 0) continue;
          attempt.reevaluated += 1;

          const evaluation = evaluateCase(current.inputs, inForce, asOf);
          const ids = determinationIds(republicationId, `${REPUBLISH_RULES}:${caseState.caseId}`);
          const events = decide(
            {
              type: 'Determine',
              data: {
                caseId: caseState.caseId,
                causationId: republicationId,
                ...ids,
                trigger: { kind: 'RULES_REPUBLISHED', republicationId, ruleSetChanges },
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
          if (events.length > 0) attempt.superseded.set(caseState.caseId, latest.data);
          toAppend.push(
            ...determinationToAppend(events, ids, {
              residentId,
              caseId: caseState.caseId,
              correlationId,
              causationId: republicationId,
              actor: request.actor,
              occurredAt: at,
            }),
          );
        }
        return toAppend;
      });

      openCases += attempt.open;
      reevaluated += attempt.reevaluated;
      for (const stored of appended) {
        if (stored.type !== EventTypes.EligibilityDetermined) continue;
        const determination = stored.data as EligibilityDeterminedV1Data;
        const before = attempt.superseded.get(determination.caseId);
        if (!before) continue;
        changed.push({
          residentId,
          caseId: determination.caseId,
          determinationId: determination.determinationId,
          supersedesDeterminationId: before.determinationId,
          ruleSetChanges: determination.trigger.ruleSetChanges ?? [],
          programmes: explainChange(before, determination),
        });
      }
    }

    return {
      republicationId,
      asOf,
      ruleSetsInForce: inForce.map(({ ruleSet, contentHash }) => ({
        id: ruleSet.id,
        version: ruleSet.version,
        effectiveFrom: ruleSet.effectiveFrom,
        contentHash,
      })),
      openCases,
      reevaluated,
      changed,
    };
  }
}

/** The rule sets whose version in force differs from the one the case's last determination applied. */
export function versionChanges(latest: EligibilityDeterminedV1Data, inForce: readonly PublishedRuleSet[]): RuleSetChange[] {
  const applied = new Map(latest.programmes.map(({ ruleSet }) => [ruleSet.id, ruleSet]));
  const current = new Map(inForce.map(({ ruleSet, contentHash }) => [ruleSet.id, { version: ruleSet.version, contentHash }]));
  const ids = [...new Set([...applied.keys(), ...current.keys()])].sort();
  return ids.flatMap((ruleSetId) => {
    const from = applied.get(ruleSetId);
    const to = current.get(ruleSetId);
    if (from && to && from.version === to.version && from.contentHash === to.contentHash) return [];
    return [{ ruleSetId, fromVersion: from?.version ?? null, toVersion: to?.version ?? null }];
  });
}
