/**
 * What a referral command or query can run into, as values: `kind` says whether the referral is
 * missing (404; another agency's referral is missing too), its state does not allow the step
 * (409) or the request itself is wrong (422); `type` is stable for clients; `message` is Bahasa
 * Indonesia, for the agency officer, caseworker or supervisor.
 */
import type { DeadlineKind } from './referral.events';
import type { ReferralStatus } from './referral.state';

export type ReferralErrorKind = 'not-found' | 'conflict' | 'invalid';

interface Refusal<Type extends string, Kind extends ReferralErrorKind> {
  readonly type: Type;
  readonly kind: Kind;
  readonly message: string;
}

export type ReferralNotFound = Refusal<'ReferralNotFound', 'not-found'> & { readonly referralId: string };
export type TransitionNotAllowed = Refusal<'TransitionNotAllowed', 'conflict'> & {
  readonly referralId: string;
  readonly status: ReferralStatus;
  readonly step: string;
};
export type AlreadyRerouted = Refusal<'AlreadyRerouted', 'conflict'> & { readonly referralId: string; readonly reroutedTo: string };
export type AlreadyEscalated = Refusal<'AlreadyEscalated', 'conflict'> & { readonly referralId: string; readonly deadline: DeadlineKind };
export type DeadlineNotPassed = Refusal<'DeadlineNotPassed', 'conflict'> & {
  readonly referralId: string;
  readonly deadline: DeadlineKind;
  readonly dueAt: string;
};
export type DeadlineMet = Refusal<'DeadlineMet', 'conflict'> & { readonly referralId: string; readonly deadline: DeadlineKind };
export type RerouteToSameAgency = Refusal<'RerouteToSameAgency', 'invalid'> & { readonly agencyId: string };
export type AgencyUnknown = Refusal<'AgencyUnknown', 'invalid'> & { readonly agencyId: string };
export type ReasonRequired = Refusal<'ReasonRequired', 'invalid'>;
/** The input passed the request's shape but would make an event that breaks its contract. */
export type EventContractViolation = Refusal<'EventContractViolation', 'invalid'> & {
  readonly eventType: string;
  readonly fields: readonly string[];
};

export type ReferralError =
  | ReferralNotFound
  | TransitionNotAllowed
  | AlreadyRerouted
  | AlreadyEscalated
  | DeadlineNotPassed
  | DeadlineMet
  | RerouteToSameAgency
  | AgencyUnknown
  | ReasonRequired
  | EventContractViolation;

const ERROR_TYPES: ReadonlySet<string> = new Set<ReferralError['type']>([
  'ReferralNotFound',
  'TransitionNotAllowed',
  'AlreadyRerouted',
  'AlreadyEscalated',
  'DeadlineNotPassed',
  'DeadlineMet',
  'RerouteToSameAgency',
  'AgencyUnknown',
  'ReasonRequired',
  'EventContractViolation',
]);

export function isReferralError(value: unknown): value is ReferralError {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ERROR_TYPES.has((value as { type?: string }).type ?? '');
}

const STATUS_WORDS: Record<ReferralStatus, string> = {
  CREATED: 'dibuat',
  SENT: 'terkirim',
  ACKNOWLEDGED: 'diterima lembaga',
  ACCEPTED: 'disetujui',
  DECLINED: 'ditolak',
  IN_SERVICE: 'sedang dilayani',
  COMPLETED: 'selesai',
  CLOSED: 'ditutup',
  CANCELLED: 'dibatalkan',
};

const STEP_WORDS: Record<string, string> = {
  Acknowledge: 'dikonfirmasi penerimaannya',
  Accept: 'disetujui',
  Decline: 'ditolak',
  StartService: 'dimulai layanannya',
  Complete: 'diselesaikan',
  Close: 'ditutup',
  Reroute: 'dialihkan',
  Escalate: 'dieskalasi',
};

const DEADLINE_WORDS: Record<DeadlineKind, string> = {
  ACKNOWLEDGE: 'konfirmasi penerimaan',
  DECIDE: 'keputusan terima/tolak',
};

export const refuse = {
  referralNotFound: (referralId: string): ReferralNotFound => ({
    type: 'ReferralNotFound',
    kind: 'not-found',
    referralId,
    message: `Rujukan ${referralId} tidak ditemukan.`,
  }),
  transitionNotAllowed: (referralId: string, status: ReferralStatus, step: string): TransitionNotAllowed => ({
    type: 'TransitionNotAllowed',
    kind: 'conflict',
    referralId,
    status,
    step,
    message: `Rujukan ${referralId} berstatus ${STATUS_WORDS[status]}: tidak dapat ${STEP_WORDS[step] ?? step}.`,
  }),
  alreadyRerouted: (referralId: string, reroutedTo: string): AlreadyRerouted => ({
    type: 'AlreadyRerouted',
    kind: 'conflict',
    referralId,
    reroutedTo,
    message: `Rujukan ${referralId} sudah dialihkan menjadi rujukan ${reroutedTo}.`,
  }),
  alreadyEscalated: (referralId: string, deadline: DeadlineKind): AlreadyEscalated => ({
    type: 'AlreadyEscalated',
    kind: 'conflict',
    referralId,
    deadline,
    message: `Batas waktu ${DEADLINE_WORDS[deadline]} rujukan ${referralId} sudah dieskalasi.`,
  }),
  deadlineNotPassed: (referralId: string, deadline: DeadlineKind, dueAt: string): DeadlineNotPassed => ({
    type: 'DeadlineNotPassed',
    kind: 'conflict',
    referralId,
    deadline,
    dueAt,
    message: `Batas waktu ${DEADLINE_WORDS[deadline]} rujukan ${referralId} belum lewat (${dueAt}).`,
  }),
  deadlineMet: (referralId: string, deadline: DeadlineKind): DeadlineMet => ({
    type: 'DeadlineMet',
    kind: 'conflict',
    referralId,
    deadline,
    message: `Lembaga sudah memenuhi batas waktu ${DEADLINE_WORDS[deadline]} rujukan ${referralId}.`,
  }),
  rerouteToSameAgency: (agencyId: string): RerouteToSameAgency => ({
    type: 'RerouteToSameAgency',
    kind: 'invalid',
    agencyId,
    message: `toAgencyId: rujukan yang ditolak ${agencyId} harus dialihkan ke lembaga lain.`,
  }),
  agencyUnknown: (agencyId: string): AgencyUnknown => ({
    type: 'AgencyUnknown',
    kind: 'invalid',
    agencyId,
    message: `toAgencyId: lembaga mitra ${agencyId} tidak dikenal.`,
  }),
  reasonRequired: (): ReasonRequired => ({
    type: 'ReasonRequired',
    kind: 'invalid',
    message: 'reason: alasan wajib diisi dan tidak boleh kosong.',
  }),
  eventContractViolation: (eventType: string, fields: readonly string[]): EventContractViolation => ({
    type: 'EventContractViolation',
    kind: 'invalid',
    eventType,
    fields,
    message: `Isian tidak memenuhi kontrak peristiwa ${eventType}${fields.length > 0 ? ` (${fields.join(', ')})` : ''}; tidak ada yang dicatat.`,
  }),
};
