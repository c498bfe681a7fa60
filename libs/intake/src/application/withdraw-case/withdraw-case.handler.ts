import { Injectable } from '@nestjs/common';

import { CaseCommandRunner } from '../shared/case-command.runner';
import type { CommandContext } from '../shared/command-context';
import type { Outcome } from '../shared/refusals';
import type { CommandResult } from '../shared/resident-command.runner';

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
