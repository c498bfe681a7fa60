/** CaseWithdrawn (intake) → the case's open referrals are cancelled; a repeat finds none open. */
import type { CaseWithdrawnV1Data } from '@lastri/contracts';
import type { StoredEvent } from '@lastri/event-store';
import { Inject, Injectable } from '@nestjs/common';

import { decide } from '../../domain/referral.decider';
import { isReferralError } from '../../domain/referral.errors';
import { REFERRAL_DEPENDENCIES, type EventReceived, type ReferralDependencies } from '../referral-dependencies';
import { reactionEvents } from '../support/reaction';
import { ReferralStream } from '../support/referral-stream';

/** Part of every id this handler produces: never rename it. */
export const CANCEL_ON_CASE_WITHDRAWN = 'referral.cancel-on-case-withdrawn';

@Injectable()
export class CancelOnCaseWithdrawn {
  private readonly stream: ReferralStream;

  constructor(@Inject(REFERRAL_DEPENDENCIES) private readonly deps: ReferralDependencies) {
    this.stream = new ReferralStream(deps.store);
  }

  async handle(event: EventReceived<CaseWithdrawnV1Data>): Promise<StoredEvent[]> {
    const at = this.deps.clock.now().toISOString();
    const { caseId } = event.data;
    const stored = await this.stream.update(event.residentId, (state) => {
      const events = decide({ type: 'CancelReferrals', data: { caseId, reasonCode: 'CASE_WITHDRAWN', causationEventId: event.id, at } }, state);
      return isReferralError(events) ? events : reactionEvents(event, CANCEL_ON_CASE_WITHDRAWN, events, { caseId, at });
    });
    if (isReferralError(stored)) throw new Error(`Cancelling the referrals of case ${caseId} refused: ${stored.message}`);
    return stored;
  }
}
