/**
 * The auditor's re-run of a past determination: its recorded inputs through its pinned rule-set
 * versions on its rules date must give exactly what it recorded (domain/rerun). On top of that,
 * the inputs themselves are rebuilt from the intake events at the recorded store positions, so
 * the auditor also learns whether the determination evaluated what intake had on record.
 */
import type { CaseSubmittedV2Data } from '@lastri/contracts';
import { EventTypes, upcastEvent } from '@lastri/contracts';

import { Inject, Injectable } from '@nestjs/common';

import { refuse, type DeterminationNotFound } from '../../domain/determination/eligibility.errors';
import { inputsDigest, inputsFromCaseSubmitted, type EligibilityInputs } from '../../domain/inputs/eligibility-inputs';
import { rerunDetermination, type RerunReport } from '../../domain/rerun/rerun-determination';
import { ELIGIBILITY_DEPENDENCIES, type EligibilityDependencies } from '../eligibility-dependencies';
import { EligibilityStream } from '../eligibility-stream';
import { IntakeRecord, applyIntakeFact } from '../intake-record';

export interface SourceCheck {
  /** True when the intake events are where recorded and rebuild inputs with the recorded digest. */
  readonly matches: boolean;
  readonly rebuiltInputsDigest: string | null;
  readonly problems: readonly string[];
}

export interface AuditRerunReport extends RerunReport {
  readonly residentId: string;
  readonly sources: SourceCheck;
}

@Injectable()
export class RerunDetermination {
  private readonly stream: EligibilityStream;
  private readonly intake: IntakeRecord;

  constructor(@Inject(ELIGIBILITY_DEPENDENCIES) private readonly deps: EligibilityDependencies) {
    this.stream = new EligibilityStream(deps.store);
    this.intake = new IntakeRecord(deps.store);
  }

  async run(residentId: string, caseId: string, determinationId: string): Promise<AuditRerunReport | DeterminationNotFound> {
    const { state } = await this.stream.read(residentId);
    const recorded = state.cases
      .get(caseId)
      ?.determinations.find((determination) => determination.data.determinationId === determinationId)?.data;
    if (!recorded) return refuse.determinationNotFound(determinationId, caseId);

    const report = rerunDetermination(recorded, (id, version) => this.deps.catalogue.find(id, version));
    const sources = await this.checkSources(residentId, recorded.inputsDigest, recorded.sourceEvents);
    return { ...report, identical: report.identical && sources.matches, residentId, sources };
  }

  private async checkSources(
    residentId: string,
    recordedDigest: string,
    sourceEvents: Parameters<IntakeRecord['atPositions']>[1],
  ): Promise<SourceCheck> {
    const { events, problems } = await this.intake.atPositions(residentId, sourceEvents);
    if (problems.length > 0) return { matches: false, rebuiltInputsDigest: null, problems };
    const [submitted, ...later] = events;
    if (submitted?.type !== EventTypes.CaseSubmitted) {
      return { matches: false, rebuiltInputsDigest: null, problems: ['the first source event is not a CaseSubmitted'] };
    }
    let inputs: EligibilityInputs = inputsFromCaseSubmitted(upcastEvent(submitted).data as CaseSubmittedV2Data);
    for (const event of later) inputs = applyIntakeFact(inputs, event) ?? inputs;
    const rebuilt = inputsDigest(inputs);
    return {
      matches: rebuilt === recordedDigest,
      rebuiltInputsDigest: rebuilt,
      problems: rebuilt === recordedDigest ? [] : ['the intake events at the recorded positions rebuild other inputs than the determination evaluated'],
    };
  }
}
