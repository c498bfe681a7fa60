/** A supervisor decides a manual review: approve with a decision per programme, reject, or return for verification. */
import type { StoredEvent } from '@lastri/event-store';
import { newId } from '@lastri/kernel';

import { decide } from '../../domain/determination/eligibility.decider';
import type { ReviewDecision } from '../../domain/determination/eligibility-events';
import type { Programme } from '../../domain/programmes';
import type { EligibilityDependencies } from '../eligibility-dependencies';
import { EligibilityStream } from '../eligibility-stream';
import type { EligibilityQueries } from '../queries/eligibility-queries';
import type { CommandIssuer } from '../supervisor-command';

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
    const { residentId, caseId } = await this.queries.locateReview(command.reviewId);
    const eventId = newId();
    const [stored] = await this.stream.update(residentId, ({ state }) =>
      decide(
        {
          type: 'DecideManualReview',
          data: {
            reviewId: command.reviewId,
            caseId,
            decision: command.decision,
            ...(command.programmes !== undefined ? { programmes: command.programmes } : {}),
            reason: command.reason.trim(),
            decidedBy: issuer.decidedBy,
          },
        },
        state,
      ).map((event) => ({
        event,
        id: eventId,
        metadata: {
          residentId,
          caseId,
          correlationId: issuer.correlationId ?? eventId,
          actor: issuer.actor,
          occurredAt: this.deps.clock.now().toISOString(),
        },
      })),
    );
    return stored;
  }
}
