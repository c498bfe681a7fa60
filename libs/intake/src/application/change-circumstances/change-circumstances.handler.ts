import { Injectable } from '@nestjs/common';

import type { ChangeCircumstances } from '../../domain/intake.commands';
import type { CommandContext } from '../shared/command-context';
import type { Outcome } from '../shared/refusals';
import { ResidentCommandRunner, type CommandResult } from '../shared/resident-command.runner';

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
