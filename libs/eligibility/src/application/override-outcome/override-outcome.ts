/**
 * A supervisor overrides the rules' outcome for one programme of the current determination, with
 * a reason. The override is an event of its own: the determination it departs from stays as it was.
 */
import type { StoredEvent } from '@lastri/event-store';

import { Inject, Injectable } from '@nestjs/common';

import type { Programme } from '../../domain/programmes';
import { isEligibilityError, type EligibilityError } from '../../domain/determination/eligibility.errors';
import { ELIGIBILITY_DEPENDENCIES, type EligibilityDependencies } from '../eligibility-dependencies';
import { EligibilityStream } from '../eligibility-stream';
import { EligibilityQueries } from '../queries/eligibility-queries';
import { issueSupervisorCommand, type CommandIssuer } from '../supervisor-command';

export interface OutcomeOverride {
  readonly determinationId: string;
  readonly programme: Programme;
  readonly eligible: boolean;
  readonly reason: string;
}

@Injectable()
export class OverrideOutcome {
  private readonly stream: EligibilityStream;

  constructor(
    @Inject(ELIGIBILITY_DEPENDENCIES) private readonly deps: EligibilityDependencies,
    private readonly queries: EligibilityQueries,
  ) {
    this.stream = new EligibilityStream(deps.store);
  }

  async handle(command: OutcomeOverride, issuer: CommandIssuer): Promise<StoredEvent | EligibilityError> {
    const location = await this.queries.locateDetermination(command.determinationId);
    if (isEligibilityError(location)) return location;
    return issueSupervisorCommand(
      this.stream,
      this.deps.clock,
      location,
      {
        type: 'OverrideOutcome',
        data: {
          caseId: location.caseId,
          determinationId: command.determinationId,
          programme: command.programme,
          eligible: command.eligible,
          reason: command.reason.trim(),
          overriddenBy: issuer.decidedBy,
        },
      },
      issuer,
    );
  }
}
