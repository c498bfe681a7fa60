/** A supervisor decides a manual review: approve with a decision per programme, reject, or return for verification. */
import type { StoredEvent } from '@lastri/event-store';

import type { ReviewDecision } from '../../domain/determination/eligibility-events';
import type { Programme } from '../../domain/programmes';
import type { EligibilityDependencies } from '../eligibility-dependencies';
import { EligibilityStream } from '../eligibility-stream';
import type { EligibilityQueries } from '../queries/eligibility-queries';
import { issueSupervisorCommand, type CommandIssuer } from '../supervisor-command';

export interface ManualReviewDecision {
  readonly reviewId: string;
  readonly decision: ReviewDecision;
  readonly programmes?: readonly { readonly programme: Programme; readonly eligible: boolean }[];
  readonly reason: string;
}

export class DecideManualReview {
  private readonly stream: EligibilityStream;

  constructor(
    private readonly deps: EligibilityDependencies,
    private readonly queries: EligibilityQueries,
  ) {
    this.stream = new EligibilityStream(deps.store);
  }

  async handle(command: ManualReviewDecision, issuer: CommandIssuer): Promise<StoredEvent> {
    const location = await this.queries.locateReview(command.reviewId);
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
