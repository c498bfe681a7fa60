/**
 * A referral event as its agency receives it. Referral's and intake's streams are read, never
 * written (through the published contracts, as referral reads intake): the referral's programme,
 * need and due dates from its ReferralCreated, the resident's contact from intake's record. Then
 * the programme's policy decides what of it leaves LASTRI (domain/partner-policy.ts).
 */
import type { ReferralCreatedV1Data, ResidentProfileCorrectedV1Data, ResidentRegisteredV1Data } from '@lastri/contracts';
import { EventTypes, residentStreamName, upcastEvent } from '@lastri/contracts';
import type { EventStore, StoredEvent } from '@lastri/event-store';

import { isPartnerEventType } from '../domain/partner-agencies';
import { maskNik, minimise, type PartnerEvent, type PartnerPolicy, type ReferralFacts, type ResidentContact } from '../domain/partner-policy';

/** Narrower than the store: an append to referral's or intake's streams does not compile here. */
export type ForeignStreamReader = Pick<EventStore, 'readStream'>;

export interface ReferralEventRef {
  readonly id: string;
  readonly type: string;
  readonly residentId: string;
  readonly occurredAt: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface PartnerEventOf {
  readonly agencyId: string;
  readonly referralId: string;
  readonly event: PartnerEvent;
}

/** ReferralCreated never changes, so its facts are kept; bounded, oldest forgotten first. */
const REMEMBERED_REFERRALS = 10_000;

export class PartnerEvents {
  private readonly referrals = new Map<string, ReferralFacts>();

  constructor(private readonly store: ForeignStreamReader, private readonly policy: PartnerPolicy) {}

  /** The agency an event concerns, or undefined for events no agency receives. */
  static agencyOf(event: Pick<ReferralEventRef, 'type' | 'data'>): string | undefined {
    if (!isPartnerEventType(event.type)) return undefined;
    const agencyId = event.data.agencyId;
    return typeof agencyId === 'string' ? agencyId : undefined;
  }

  async build(event: ReferralEventRef, referralStream?: readonly StoredEvent[]): Promise<PartnerEventOf | undefined> {
    const agencyId = PartnerEvents.agencyOf(event);
    const referralId = event.data.referralId;
    if (agencyId === undefined || typeof referralId !== 'string') return undefined;
    const referral = await this.referral(event.residentId, referralId, referralStream);
    if (!referral || referral.agencyId !== agencyId) return undefined;
    const resident = await this.contact(event.residentId);
    return { agencyId, referralId, event: minimise(this.policy, event, referral, resident) };
  }

  /** A stored referral event (for a delivery or a replay) read back from referral's stream, as its agency receives it. */
  async buildStored(residentId: string, eventId: string): Promise<PartnerEventOf | undefined> {
    const stream = await this.store.readStream(residentStreamName('referral', residentId));
    const stored = stream.find((event) => event.id === eventId);
    return stored ? this.build(referralEventRef(stored), stream) : undefined;
  }

  private async referral(residentId: string, referralId: string, stream?: readonly StoredEvent[]): Promise<ReferralFacts | undefined> {
    const remembered = this.referrals.get(referralId);
    if (remembered) return remembered;
    for (const stored of stream ?? (await this.store.readStream(residentStreamName('referral', residentId)))) {
      if (stored.type !== EventTypes.ReferralCreated) continue;
      const data = upcastEvent(stored).data as ReferralCreatedV1Data;
      if (data.referralId !== referralId) continue;
      if (this.referrals.size >= REMEMBERED_REFERRALS) this.referrals.delete(this.referrals.keys().next().value as string);
      this.referrals.set(referralId, data);
      return data;
    }
    return undefined;
  }

  private async contact(residentId: string): Promise<ResidentContact | undefined> {
    let profile: Pick<ResidentRegisteredV1Data, 'name' | 'nik' | 'phone' | 'address'> | undefined;
    for (const stored of await this.store.readStream(residentStreamName('intake', residentId))) {
      if (stored.type === EventTypes.ResidentRegistered) {
        const data = upcastEvent(stored).data as ResidentRegisteredV1Data;
        profile = { name: data.name, nik: data.nik, phone: data.phone, address: data.address };
      } else if (stored.type === EventTypes.ResidentProfileCorrected && profile) {
        const { corrections } = upcastEvent(stored).data as ResidentProfileCorrectedV1Data;
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
    return { name: profile.name, nikMasked: maskNik(profile.nik), ...(profile.phone ? { phone: profile.phone } : {}), address: { street, rt, rw, kelurahanCode } };
  }
}

export function referralEventRef(stored: StoredEvent): ReferralEventRef {
  return {
    id: stored.id,
    type: stored.type,
    residentId: stored.metadata.residentId,
    occurredAt: stored.metadata.occurredAt,
    data: upcastEvent(stored).data as Record<string, unknown>,
  };
}
