/**
 * What notification reads of referral's record (read-only, through the published contracts):
 * which programme a referral is for, since its later events name only the referral.
 */
import type { ReferralCreatedV1Data } from '@lastri/contracts';
import { EventTypes, residentStreamName, upcastEvent } from '@lastri/contracts';
import type { EventStore } from '@lastri/event-store';

export type ReferralStreamReader = Pick<EventStore, 'readStream'>;

export class ReferralEventNotInStore extends Error {
  override readonly name = 'ReferralEventNotInStore';
}

export class ReferralRecord {
  constructor(private readonly store: ReferralStreamReader) {}

  /** The programme of the referral; throws ReferralEventNotInStore when referral never created it here. */
  async programmeOf(residentId: string, referralId: string): Promise<string> {
    const stream = residentStreamName('referral', residentId);
    const created = (await this.store.readStream(stream))
      .filter((event) => event.type === EventTypes.ReferralCreated)
      .map((event) => upcastEvent(event).data as ReferralCreatedV1Data)
      .find((data) => data.referralId === referralId);
    if (!created) throw new ReferralEventNotInStore(`${stream} holds no ReferralCreated of ${referralId}: is the service pointed at the store referral writes to?`);
    return created.programme;
  }
}
