import { Injectable } from '@nestjs/common';

import { isStaffMember, staffMemberFor } from '../shared/access';
import { CaseCommandRunner } from '../shared/case-command.runner';
import type { CommandContext } from '../shared/command-context';
import type { Outcome } from '../shared/refusals';
import type { CommandResult } from '../shared/resident-command.runner';

/** Sends the case to eligibility: CaseSubmitted carries everything eligibility decides on. */
@Injectable()
export class SubmitCaseHandler {
  constructor(private readonly cases: CaseCommandRunner) {}

  handle(caseId: string, context: CommandContext): Promise<Outcome<CommandResult>> {
    return this.cases.run(caseId, {
      context,
      command: (now, resident) => {
        const submittedBy = staffMemberFor(context.actor, context.staffRole);
        if (!isStaffMember(submittedBy)) return submittedBy;
        return { type: 'SubmitCase', data: { residentId: resident.profile.residentId, caseId, submittedBy }, metadata: { now } };
      },
    });
  }
}
