/** The ids and metadata of what referral appends in reaction to another context's event. */
import type { EventMetadata } from '@lastri/event-store';
import { deterministicEventId } from '@lastri/kernel';

import type { ReferralEvent } from '../../domain/referral.events';
import { REFERRAL_SERVICE_ACTOR, type EventReceived } from '../referral-dependencies';
import type { EventToAppend } from './referral-stream';

/** `uuidv5(cause + handler + event type + referral)`: the same cause handled again appends nothing new. */
export function reactionEvents(
  cause: EventReceived<unknown>,
  handler: string,
  events: readonly ReferralEvent[],
  metadata: { caseId?: string; at: string },
): EventToAppend[] {
  const base: EventMetadata = {
    residentId: cause.residentId,
    ...(metadata.caseId ? { caseId: metadata.caseId } : {}),
    correlationId: cause.correlationId,
    causationId: cause.id,
    actor: REFERRAL_SERVICE_ACTOR,
    occurredAt: metadata.at,
  };
  return events.map((event) => ({
    event,
    id: deterministicEventId(cause.id, `${handler}#${event.type}#${event.data.referralId}`),
    metadata: { ...base },
  }));
}

/** The referral id of a programme referred because of `causeId`: the same on every repeat. */
export function referralIdOf(causeId: string, programme: string): string {
  return deterministicEventId(causeId, `referral.create#${programme}`);
}
