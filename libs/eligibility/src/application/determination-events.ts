/**
 * What the three handlers that determine a case (a submission, new intake facts, a republication)
 * share: the ids of what they may append, derived from the cause so that handling the same cause
 * again appends nothing, and the decider's events paired with those ids and their metadata.
 */
import type { EventMetadata } from '@lastri/event-store';
import { deterministicEventId } from '@lastri/kernel';

import type { EligibilityEvent } from '../domain/determination/eligibility.events';
import type { EventToAppend } from './eligibility-stream';

export interface DeterminationIds {
  readonly determinationId: string;
  /** Used only if the determination needs a manual review. */
  readonly reviewId: string;
}

/** `uuidv5(cause + handler)` for the determination, `uuidv5(cause + handler#review)` for its review. */
export function determinationIds(causationId: string, handler: string): DeterminationIds {
  return {
    determinationId: deterministicEventId(causationId, handler),
    reviewId: deterministicEventId(causationId, `${handler}#review`),
  };
}

/** The decider's EligibilityDetermined and ManualReviewRequired, each under its id, with the same metadata. */
export function determinationToAppend(events: readonly EligibilityEvent[], ids: DeterminationIds, metadata: EventMetadata): EventToAppend[] {
  return events.map((event) => ({
    event,
    id: event.type === 'EligibilityDetermined' ? ids.determinationId : ids.reviewId,
    metadata: { ...metadata },
  }));
}
