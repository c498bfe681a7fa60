import { newId } from '@lastri/kernel';
import { Injectable } from '@nestjs/common';

import type { RecordHomeVisit } from '../../domain/intake.commands';
import { isStaffMember, staffMemberFor } from '../support/access';
import { CaseCommandRunner } from '../support/case-command.runner';
import type { CommandContext } from '../support/command-context';
import type { Outcome } from '../support/refusals';
import type { CommandResult } from '../support/resident-command.runner';

export type RecordHomeVisitInput = Omit<RecordHomeVisit['data'], 'residentId' | 'caseId' | 'visitId' | 'visitedBy'>;

/** The surveyor who visited records the visit: the token's user is `visitedBy`. */
@Injectable()
export class RecordHomeVisitHandler {
  constructor(private readonly cases: CaseCommandRunner) {}

  handle(caseId: string, input: RecordHomeVisitInput, context: CommandContext): Promise<Outcome<CommandResult>> {
    const visitId = newId();
    return this.cases.run(caseId, {
      context,
      command: (now, resident) => {
        const visitedBy = staffMemberFor(context.actor, context.staffRole);
        if (!isStaffMember(visitedBy)) return visitedBy;
        return {
          type: 'RecordHomeVisit',
          data: { ...input, residentId: resident.profile.residentId, caseId, visitId, visitedBy },
          metadata: { now },
        };
      },
    });
  }
}
