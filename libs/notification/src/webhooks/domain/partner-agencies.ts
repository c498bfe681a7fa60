/**
 * The partner agencies that may subscribe, as data copied from referral's agency list
 * (libs/referral/src/domain/agencies.ts): a context imports no other context, and an agency is a
 * code change there anyway. Referral events name the agency they are addressed to (`agencyId`), so
 * this list only decides who may hold a subscription.
 */
export const PARTNER_AGENCY_IDS = [
  'dinas-pendidikan',
  'dinas-kesehatan',
  'disnaker',
  'dispendukcapil',
  'baznas',
  'lksa',
  'kemensos-upt',
] as const;

export function isPartnerAgency(agencyId: string): boolean {
  return (PARTNER_AGENCY_IDS as readonly string[]).includes(agencyId);
}

/** The referral event types an agency can subscribe to: its referrals' lifecycle, as it happens. */
export const PARTNER_EVENT_TYPES = [
  'ReferralCreated',
  'ReferralAcknowledged',
  'ReferralAccepted',
  'ReferralDeclined',
  'ServiceStarted',
  'ReferralCompleted',
  'ReferralClosed',
  'ReferralCancelled',
  'ReferralEscalated',
] as const;
export type PartnerEventType = (typeof PARTNER_EVENT_TYPES)[number];

export function isPartnerEventType(type: string): type is PartnerEventType {
  return (PARTNER_EVENT_TYPES as readonly string[]).includes(type);
}
