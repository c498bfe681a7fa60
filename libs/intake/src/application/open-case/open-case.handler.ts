import { newId } from '@lastri/kernel';
import { Injectable } from '@nestjs/common';

import type { OpenCase } from '../../domain/intake.commands';
import { CaseLocator } from '../case-locator/case-locator';
import { isStaffMember, staffMemberFor } from '../support/access';
import { provenanceOf, type CommandContext } from '../support/command-context';
import type { Outcome } from '../support/refusals';
import { ResidentCommandRunner, type CommandResult } from '../support/resident-command.runner';

export type OpenCaseInput = Omit<OpenCase['data'], 'caseId' | 'registeredBy'>;

@Injectable()
export class OpenCaseHandler {
  constructor(
    private readonly runner: ResidentCommandRunner,
    private readonly locator: CaseLocator,
  ) {}

  async handle(input: OpenCaseInput, context: CommandContext): Promise<Outcome<CommandResult & { caseId: string }>> {
    const caseId = newId();
    const { residentId } = input;
    const outcome = await this.runner.run({
      residentId,
      caseId,
      context,
      command: (now) => {
        const registeredBy = staffMemberFor(context.actor, context.staffRole);
        if (!isStaffMember(registeredBy)) return registeredBy;
        return { type: 'OpenCase', data: { ...input, caseId, registeredBy }, metadata: { now } };
      },
      // Decided and valid: only now is the case worth a locator (see CaseLocator).
      beforeAppend: async (events) => {
        await this.locator.record(caseId, provenanceOf(context, residentId, events[0].metadata.occurredAt));
        return undefined;
      },
    });
    return outcome.ok ? { ok: true, value: { ...outcome.value, caseId } } : outcome;
  }
}
