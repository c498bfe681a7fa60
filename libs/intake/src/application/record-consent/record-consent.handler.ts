import { newId } from '@lastri/kernel';
import { Injectable } from '@nestjs/common';

import type { RecordConsent } from '../../domain/intake.commands';
import type { CommandContext } from '../support/command-context';
import type { Outcome } from '../support/refusals';
import { ResidentCommandRunner, type CommandResult } from '../support/resident-command.runner';

export type RecordConsentInput = Omit<RecordConsent['data'], 'residentId' | 'consentId' | 'givenAt'> & {
  /** When consent was given; defaults to now (recorded as it is given). */
  givenAt?: string;
};

@Injectable()
export class RecordConsentHandler {
  constructor(private readonly runner: ResidentCommandRunner) {}

  async handle(
    residentId: string,
    input: RecordConsentInput,
    context: CommandContext,
  ): Promise<Outcome<CommandResult & { consentId: string }>> {
    const consentId = newId();
    const outcome = await this.runner.run({
      residentId,
      context,
      command: (now) => ({
        type: 'RecordConsent',
        data: { ...input, residentId, consentId, givenAt: input.givenAt ?? now },
        metadata: { now },
      }),
    });
    return outcome.ok ? { ok: true, value: { ...outcome.value, consentId } } : outcome;
  }
}
