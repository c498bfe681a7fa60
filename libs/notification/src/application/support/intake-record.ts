/**
 * What notification reads of intake's record of a resident (read-only, through the published
 * contracts, as referral reads intake: ADR 0001): how to reach them, where they live (a
 * caseworker's scope) and whether an active consent or legal basis covers RESIDENT_NOTIFICATIONS,
 * computed the way intake folds its consents (a withdrawal ends the purposes it names, or all).
 */
import type { ConsentRecordedV1Data, ConsentWithdrawnV1Data, ResidentProfileCorrectedV1Data, ResidentRegisteredV1Data } from '@lastri/contracts';
import { EventTypes, residentStreamName, upcastEvent } from '@lastri/contracts';
import type { EventStore } from '@lastri/event-store';

import type { ResidentContact } from '../../domain/delivery/channel-choice';

/** Narrower than the store: an append to an intake stream from notification does not compile. */
export type IntakeStreamReader = Pick<EventStore, 'readStream'>;

export const NOTIFICATION_PURPOSE = 'RESIDENT_NOTIFICATIONS';

export interface IntakeResident extends ResidentContact {
  readonly kelurahanCode: string;
}

export class IntakeRecord {
  constructor(private readonly store: IntakeStreamReader) {}

  /** The resident as intake last recorded them; undefined when intake holds no such resident here. */
  async resident(residentId: string): Promise<IntakeResident | undefined> {
    const events = await this.store.readStream(residentStreamName('intake', residentId));
    let profile: { name: string; email?: string; phone?: string; kelurahanCode: string } | undefined;
    const activePurposes = new Map<string, readonly string[]>();
    for (const event of events) {
      switch (event.type) {
        case EventTypes.ResidentRegistered: {
          const data = upcastEvent(event).data as ResidentRegisteredV1Data;
          profile = { name: data.name, email: data.email, phone: data.phone, kelurahanCode: data.address.kelurahanCode };
          break;
        }
        case EventTypes.ResidentProfileCorrected: {
          if (!profile) break;
          const { corrections } = upcastEvent(event).data as ResidentProfileCorrectedV1Data;
          profile = {
            name: corrections.name ?? profile.name,
            kelurahanCode: corrections.address?.kelurahanCode ?? profile.kelurahanCode,
            email: corrections.email === null ? undefined : (corrections.email ?? profile.email),
            phone: corrections.phone === null ? undefined : (corrections.phone ?? profile.phone),
          };
          break;
        }
        case EventTypes.ConsentRecorded: {
          const data = upcastEvent(event).data as ConsentRecordedV1Data;
          activePurposes.set(data.consentId, [...data.purposes]);
          break;
        }
        case EventTypes.ConsentWithdrawn: {
          const data = upcastEvent(event).data as ConsentWithdrawnV1Data;
          const active = activePurposes.get(data.consentId);
          if (!active) break;
          const ended: readonly string[] = data.purposes ?? active;
          activePurposes.set(data.consentId, active.filter((purpose) => !ended.includes(purpose)));
          break;
        }
        default:
          break;
      }
    }
    if (!profile) return undefined;
    return {
      name: profile.name,
      kelurahanCode: profile.kelurahanCode,
      ...(profile.email ? { email: profile.email } : {}),
      ...(profile.phone ? { phone: profile.phone } : {}),
      notificationsAllowed: [...activePurposes.values()].some((purposes) => purposes.includes(NOTIFICATION_PURPOSE)),
    };
  }
}
