import { Injectable } from '@nestjs/common';

import type { WithdrawConsent } from '../../domain/intake.commands';
import type { CommandContext } from '../support/command-context';
import type { Outcome } from '../support/refusals';
import { ResidentCommandRunner, type CommandResult } from '../support/resident-command.runner';

export type WithdrawConsentInput = Omit<WithdrawConsent['data'], 'residentId' | 'consentId'>;

@Injectable()
export class WithdrawConsentHandler {
  constructor(private readonly runner: ResidentCommandRunner) {}

  handle(
    residentId: string,
    consentId: string,
    input: WithdrawConsentInput,
    context: CommandContext,
  ): Promise<Outcome<CommandResult>> {
    return this.runner.run({
      residentId,
      context,
      command: (now) => ({ type: 'WithdrawConsent', data: { ...input, residentId, consentId }, metadata: { now } }),
    });
  }
}
