/** A supervisor decides a manual review: approve with a decision per programme, reject, or return for verification. */
import type { StoredEvent } from '@lastri/event-store';

import { Inject, Injectable } from '@nestjs/common';

import type { ReviewDecision } from '../../domain/determination/eligibility.events';
import type { Programme } from '../../domain/programmes';
import { isEligibilityError, type EligibilityError } from '../../domain/determination/eligibility.errors';
import { ELIGIBILITY_DEPENDENCIES, type EligibilityDependencies } from '../eligibility-dependencies';
import { EligibilityStream } from '../eligibility-stream';
import { EligibilityQueries } from '../queries/eligibility-queries';
import { issueSupervisorCommand, type CommandIssuer } from '../supervisor-command';

export interface ManualReviewDecision {
  readonly reviewId: string;
  readonly decision: ReviewDecision;
  readonly programmes?: readonly { readonly programme: Programme; readonly eligible: boolean }[];
  readonly reason: string;
}

@Injectable()
export class DecideManualReview {
  private readonly stream: EligibilityStream;

  constructor(
    @Inject(ELIGIBILITY_DEPENDENCIES) private readonly deps: EligibilityDependencies,
    private readonly queries: EligibilityQueries,
  ) {
    this.stream = new EligibilityStream(deps.store);
  }

  async handle(command: ManualReviewDecision, issuer: CommandIssuer): Promise<StoredEvent | EligibilityError> {
    const location = await this.queries.locateReview(command.reviewId);
    if (isEligibilityError(location)) return location;
    return issueSupervisorCommand(
      this.stream,
      this.deps.clock,
      location,
      {
        type: 'DecideManualReview',
        data: {
          reviewId: command.reviewId,
          caseId: location.caseId,
          decision: command.decision,
          ...(command.programmes !== undefined ? { programmes: command.programmes } : {}),
          reason: command.reason.trim(),
          decidedBy: issuer.decidedBy,
        },
      },
      issuer,
    );
  }
}
