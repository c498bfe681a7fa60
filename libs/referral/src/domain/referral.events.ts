import type {
  ReferralAcceptedV1Data,
  ReferralAcknowledgedV1Data,
  ReferralCancelledV1Data,
  ReferralClosedV1Data,
  ReferralCompletedV1Data,
  ReferralCreatedV1Data,
  ReferralDeclinedV1Data,
  ReferralEscalatedV1Data,
  ReferralReroutedV1Data,
  ReferralSentV1Data,
  ServiceStartedV1Data,
} from '@lastri/contracts';

/** The events of a `referral-<residentId>` stream, at their latest schema versions. */
export type ReferralEvent =
  | { readonly type: 'ReferralCreated'; readonly data: ReferralCreatedV1Data }
  | { readonly type: 'ReferralSent'; readonly data: ReferralSentV1Data }
  | { readonly type: 'ReferralAcknowledged'; readonly data: ReferralAcknowledgedV1Data }
  | { readonly type: 'ReferralAccepted'; readonly data: ReferralAcceptedV1Data }
  | { readonly type: 'ReferralDeclined'; readonly data: ReferralDeclinedV1Data }
  | { readonly type: 'ServiceStarted'; readonly data: ServiceStartedV1Data }
  | { readonly type: 'ReferralCompleted'; readonly data: ReferralCompletedV1Data }
  | { readonly type: 'ReferralClosed'; readonly data: ReferralClosedV1Data }
  | { readonly type: 'ReferralCancelled'; readonly data: ReferralCancelledV1Data }
  | { readonly type: 'ReferralRerouted'; readonly data: ReferralReroutedV1Data }
  | { readonly type: 'ReferralEscalated'; readonly data: ReferralEscalatedV1Data };

export type ReferralEventType = ReferralEvent['type'];

export const REFERRAL_EVENT_TYPES: readonly ReferralEventType[] = [
  'ReferralCreated',
  'ReferralSent',
  'ReferralAcknowledged',
  'ReferralAccepted',
  'ReferralDeclined',
  'ServiceStarted',
  'ReferralCompleted',
  'ReferralClosed',
  'ReferralCancelled',
  'ReferralRerouted',
  'ReferralEscalated',
];

export type Programme = ReferralCreatedV1Data['programme'];
export type NeedCategory = ReferralCreatedV1Data['needCategory'];
export type ReferralCause = ReferralCreatedV1Data['cause'];
export type DeclineReasonCode = ReferralDeclinedV1Data['reasonCode'];
export type CloseReasonCode = ReferralClosedV1Data['reasonCode'];
export type CancelReasonCode = ReferralCancelledV1Data['reasonCode'];
export type CompletionOutcome = ReferralCompletedV1Data['outcome'];
export type DeadlineKind = ReferralEscalatedV1Data['deadline'];

/** Every programme a referral can be for, as the contract lists them (eligibility's programmes). */
export const PROGRAMMES: readonly Programme[] = ['PKH', 'SEMBAKO', 'SEMBAKO_DAERAH', 'PBI_JK', 'PIP', 'ATENSI', 'PELATIHAN', 'KERJA'];

export function isProgramme(value: unknown): value is Programme {
  return typeof value === 'string' && (PROGRAMMES as readonly string[]).includes(value);
}
