import { newId } from '@lastri/kernel';
import { Injectable } from '@nestjs/common';

import type { RecordAssessment } from '../../domain/intake.commands';
import { isStaffMember, staffMemberFor } from '../support/access';
import { CaseCommandRunner } from '../support/case-command.runner';
import type { CommandContext } from '../support/command-context';
import type { Outcome } from '../support/refusals';
import type { CommandResult } from '../support/resident-command.runner';

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
