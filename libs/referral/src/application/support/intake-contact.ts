/**
 * What referral reads of intake's record of a resident (read-only, through the published
 * contracts, as eligibility reads intake: ADR 0001): what an agency may know of the resident it
 * serves (the name, a masked NIK and how to reach them), and whether a case was withdrawn.
 * Nothing else of intake's record leaves this file.
 */
import type { CaseWithdrawnV1Data, ResidentProfileCorrectedV1Data, ResidentRegisteredV1Data } from '@lastri/contracts';
import { EventTypes, residentStreamName, upcastEvent } from '@lastri/contracts';
import type { EventStore } from '@lastri/event-store';

/** Narrower than the store: an append to an intake stream from referral does not compile. */
export type IntakeStreamReader = Pick<EventStore, 'readStream'>;

export interface ResidentContact {
  readonly name: string;
  /** The first six digits (where the NIK was issued) and the last four; the rest hidden. */
  readonly nikMasked: string;
  readonly phone?: string;
  readonly address: { readonly street: string; readonly rt: string; readonly rw: string; readonly kelurahanCode: string };
}

export function maskNik(nik: string): string {
  return `${nik.slice(0, 6)}${'*'.repeat(Math.max(nik.length - 10, 0))}${nik.slice(-4)}`;
}

export class IntakeContact {
  constructor(private readonly store: IntakeStreamReader) {}

  /**
   * Intake and eligibility are separate topics, so a withdrawal may reach referral before the
   * determination of the same case: the determination then must not refer a withdrawn case.
   */
  async caseWithdrawn(residentId: string, caseId: string): Promise<boolean> {
    const events = await this.store.readStream(residentStreamName('intake', residentId));
    return events.some((event) => event.type === EventTypes.CaseWithdrawn && (upcastEvent(event).data as CaseWithdrawnV1Data).caseId === caseId);
  }

  /** The resident's contact as intake last recorded it; undefined when intake holds no such resident here. */
  async of(residentId: string): Promise<ResidentContact | undefined> {
    const events = await this.store.readStream(residentStreamName('intake', residentId));
    let profile: Pick<ResidentRegisteredV1Data, 'name' | 'nik' | 'phone' | 'address'> | undefined;
    for (const event of events) {
      if (event.type === EventTypes.ResidentRegistered) {
        const data = upcastEvent(event).data as ResidentRegisteredV1Data;
        profile = { name: data.name, nik: data.nik, phone: data.phone, address: data.address };
      } else if (event.type === EventTypes.ResidentProfileCorrected && profile) {
        const { corrections } = upcastEvent(event).data as ResidentProfileCorrectedV1Data;
        profile = {
          name: corrections.name ?? profile.name,
          nik: corrections.nik ?? profile.nik,
          address: corrections.address ?? profile.address,
          phone: corrections.phone === null ? undefined : (corrections.phone ?? profile.phone),
        };
      }
    }
    if (!profile) return undefined;
    const { street, rt, rw, kelurahanCode } = profile.address;
    return {
      name: profile.name,
      nikMasked: maskNik(profile.nik),
      ...(profile.phone ? { phone: profile.phone } : {}),
      address: { street, rt, rw, kelurahanCode },
    };
  }
}
