import { Injectable } from '@nestjs/common';

import type { ChangeCircumstances } from '../../domain/intake.commands';
import type { CommandContext } from '../support/command-context';
import type { Outcome } from '../support/refusals';
import { ResidentCommandRunner, type CommandResult } from '../support/resident-command.runner';

export type ChangeCircumstancesInput = Omit<ChangeCircumstances['data'], 'residentId'>;

@Injectable()
export class ChangeCircumstancesHandler {
  constructor(private readonly runner: ResidentCommandRunner) {}

  handle(residentId: string, input: ChangeCircumstancesInput, context: CommandContext): Promise<Outcome<CommandResult>> {
    return this.runner.run({
      residentId,
      context,
      command: (now) => ({ type: 'ChangeCircumstances', data: { ...input, residentId }, metadata: { now } }),
    });
  }
}
