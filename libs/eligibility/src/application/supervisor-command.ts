import type { StoredEvent } from '@lastri/event-store';
import { newId, type Clock } from '@lastri/kernel';

import {
  decide,
  type DecideManualReview,
  type OverrideOutcome,
} from '../domain/determination/eligibility.decider';
import {
  isEligibilityError,
  refuse,
  type EligibilityError,
} from '../domain/determination/eligibility.errors';
import { InvalidEligibilityEvent } from './application-errors';
import type { Decider } from '../domain/determination/eligibility.events';
import type { EligibilityStream } from './eligibility-stream';

/** Who issues a supervisor's command: as the events record them, and as event metadata names them. */
export interface CommandIssuer {
  readonly decidedBy: Decider;
  /** `<role>:<userId>`, the event metadata's actor. */
  readonly actor: string;
  /** The request's correlation id, if the caller sent one. */
  readonly correlationId?: string;
}

/**
 * Decides a supervisor's command on the resident's stream as it stands and appends the one event
 * it gives, under a fresh id, recorded as the issuer's; or gives back the decider's refusal.
 */
export async function issueSupervisorCommand(
  stream: EligibilityStream,
  clock: Clock,
  { residentId, caseId }: { readonly residentId: string; readonly caseId: string },
  command: DecideManualReview | OverrideOutcome,
  issuer: CommandIssuer,
): Promise<StoredEvent | EligibilityError> {
  const eventId = newId();
  const stored = await stream
    .update(residentId, ({ state }) => {
      const decision = decide(command, state);
      if (isEligibilityError(decision)) return decision;
      return decision.map((event) => ({
        event,
        id: eventId,
        metadata: {
          residentId,
          caseId,
          correlationId: issuer.correlationId ?? eventId,
          actor: issuer.actor,
          occurredAt: clock.now().toISOString(),
        },
      }));
    })
    .catch((error: unknown) => {
      // Here the event's content is the supervisor's input, so a broken contract is their 422, not
      // a bug; on the consumer's path the same error stays a failure.
      if (error instanceof InvalidEligibilityEvent) {
        return refuse.eventContractViolation(
          error.type,
          error.issues.map((issue) => issue.path.replace(/^\//, '').replace(/\//g, '.') || '/'),
        );
      }
      throw error;
    });
  return isEligibilityError(stored) ? stored : stored[0];
}
