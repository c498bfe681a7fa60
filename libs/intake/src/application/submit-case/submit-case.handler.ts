import { Injectable } from '@nestjs/common';

import { isStaffMember, staffMemberFor } from '../support/access';
import { CaseCommandRunner } from '../support/case-command.runner';
import type { CommandContext } from '../support/command-context';
import type { Outcome } from '../support/refusals';
import type { CommandResult } from '../support/resident-command.runner';

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
