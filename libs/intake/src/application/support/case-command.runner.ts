import { Injectable } from '@nestjs/common';

import { refuse } from '../../domain/intake.errors';
import { CaseLocator } from '../case-locator/case-locator';
import { fail, type Outcome } from './refusals';
import { ResidentCommandRunner, type CommandResult, type ResidentCommandRequest } from './resident-command.runner';

/** A command on a case: found through its locator, then run on its resident's stream. */
@Injectable()
export class CaseCommandRunner {
  constructor(
    private readonly locator: CaseLocator,
    private readonly residents: ResidentCommandRunner,
  ) {}

  async run(
    caseId: string,
    request: Omit<ResidentCommandRequest, 'residentId' | 'caseId'>,
  ): Promise<Outcome<CommandResult>> {
    const residentId = await this.locator.residentOf(caseId);
    if (!residentId) return fail(refuse.caseNotFound(caseId));
    return this.residents.run({ ...request, residentId, caseId });
  }
}
