import { Injectable } from '@nestjs/common';

import { CaseCommandRunner } from '../support/case-command.runner';
import type { CommandContext } from '../support/command-context';
import type { Outcome } from '../support/refusals';
import type { CommandResult } from '../support/resident-command.runner';

@Injectable()
export class WithdrawCaseHandler {
  constructor(private readonly cases: CaseCommandRunner) {}

  handle(caseId: string, input: { reason: string }, context: CommandContext): Promise<Outcome<CommandResult>> {
    return this.cases.run(caseId, {
      context,
      command: (now, resident) => ({
        type: 'WithdrawCase',
        data: { residentId: resident.profile.residentId, caseId, reason: input.reason },
        metadata: { now },
      }),
    });
  }
}
