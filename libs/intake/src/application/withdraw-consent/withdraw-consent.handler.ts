import { Injectable } from '@nestjs/common';

import type { WithdrawConsent } from '../../domain/intake.commands';
import type { CommandContext } from '../shared/command-context';
import type { Outcome } from '../shared/refusals';
import { ResidentCommandRunner, type CommandResult } from '../shared/resident-command.runner';

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
