import { newId } from '@lastri/kernel';
import { Injectable } from '@nestjs/common';

import type { RecordAssessment } from '../../domain/intake.commands';
import { isStaffMember, staffMemberFor } from '../shared/access';
import { CaseCommandRunner } from '../shared/case-command.runner';
import type { CommandContext } from '../shared/command-context';
import type { Outcome } from '../shared/refusals';
import type { CommandResult } from '../shared/resident-command.runner';

export type RecordAssessmentInput = Omit<RecordAssessment['data'], 'residentId' | 'caseId' | 'assessmentId' | 'assessedBy'>;

@Injectable()
export class RecordAssessmentHandler {
  constructor(private readonly cases: CaseCommandRunner) {}

  handle(caseId: string, input: RecordAssessmentInput, context: CommandContext): Promise<Outcome<CommandResult>> {
    const assessmentId = newId();
    return this.cases.run(caseId, {
      context,
      command: (now, resident) => {
        const assessedBy = staffMemberFor(context.actor, context.staffRole);
        if (!isStaffMember(assessedBy)) return assessedBy;
        return {
          type: 'RecordAssessment',
          data: { ...input, residentId: resident.profile.residentId, caseId, assessmentId, assessedBy },
          metadata: { now },
        };
      },
    });
  }
}
