/**
 * What a supervisor's command or a query can run into, as values (the decider returns them, it
 * never throws them): `kind` says whether the thing is missing (404), the case has moved on (409)
 * or the request itself is wrong (422); `type` is stable, for clients to branch on; `message` is
 * for the supervisor, in Bahasa Indonesia.
 */
import type { Programme } from '../programmes';

export type EligibilityErrorKind = 'not-found' | 'conflict' | 'invalid';

interface Refusal<Type extends string, Kind extends EligibilityErrorKind> {
  readonly type: Type;
  readonly kind: Kind;
  readonly message: string;
}

export type CaseNotDetermined = Refusal<'CaseNotDetermined', 'not-found'> & { readonly caseId: string };
export type DeterminationNotFound = Refusal<'DeterminationNotFound', 'not-found'> & {
  readonly determinationId: string;
  readonly caseId?: string;
};
export type DeterminationSuperseded = Refusal<'DeterminationSuperseded', 'conflict'> & {
  readonly determinationId: string;
  readonly latestDeterminationId: string;
};
export type ProgrammeNotDetermined = Refusal<'ProgrammeNotDetermined', 'invalid'> & {
  readonly determinationId: string;
  readonly programme: Programme;
};
export type ProgrammeUnderReview = Refusal<'ProgrammeUnderReview', 'conflict'> & { readonly programme: Programme; readonly reviewId: string };
export type OverrideChangesNothing = Refusal<'OverrideChangesNothing', 'conflict'> & { readonly programme: Programme; readonly eligible: boolean };
export type ReviewNotFound = Refusal<'ReviewNotFound', 'not-found'> & { readonly reviewId: string; readonly caseId?: string };
export type ReviewAlreadyDecided = Refusal<'ReviewAlreadyDecided', 'conflict'> & { readonly reviewId: string };
export type ReviewSuperseded = Refusal<'ReviewSuperseded', 'conflict'> & { readonly reviewId: string };
export type ProgrammeDecisionsMismatch = Refusal<'ProgrammeDecisionsMismatch', 'invalid'> & {
  readonly reviewId: string;
  readonly missing: readonly Programme[];
  readonly unexpected: readonly string[];
};
export type ProgrammesNotExpected = Refusal<'ProgrammesNotExpected', 'invalid'> & { readonly decision: string };
export type ReasonRequired = Refusal<'ReasonRequired', 'invalid'>;
/**
 * What a supervisor typed passed the request's shape but would make an event that breaks its
 * published contract (a reason longer than the schema allows, say): refused, nothing appended.
 */
export type EventContractViolation = Refusal<'EventContractViolation', 'invalid'> & {
  readonly eventType: string;
  readonly fields: readonly string[];
};
/** A republication dated in the future would apply rules before they take effect. */
export type RepublicationDateInFuture = Refusal<'RepublicationDateInFuture', 'invalid'> & { readonly asOf: string; readonly today: string };

export type EligibilityError =
  | CaseNotDetermined
  | DeterminationNotFound
  | DeterminationSuperseded
  | ProgrammeNotDetermined
  | ProgrammeUnderReview
  | OverrideChangesNothing
  | ReviewNotFound
  | ReviewAlreadyDecided
  | ReviewSuperseded
  | ProgrammeDecisionsMismatch
  | ProgrammesNotExpected
  | ReasonRequired
  | RepublicationDateInFuture
  | EventContractViolation;

export type EligibilityErrorType = EligibilityError['type'];

const ERROR_TYPES: ReadonlySet<string> = new Set<EligibilityErrorType>([
  'CaseNotDetermined',
  'DeterminationNotFound',
  'DeterminationSuperseded',
  'ProgrammeNotDetermined',
  'ProgrammeUnderReview',
  'OverrideChangesNothing',
  'ReviewNotFound',
  'ReviewAlreadyDecided',
  'ReviewSuperseded',
  'ProgrammeDecisionsMismatch',
  'ProgrammesNotExpected',
  'ReasonRequired',
  'RepublicationDateInFuture',
  'EventContractViolation',
]);

export function isEligibilityError(value: unknown): value is EligibilityError {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ERROR_TYPES.has((value as { type?: string }).type ?? '');
}

export const refuse = {
  caseNotDetermined: (caseId: string): CaseNotDetermined => ({
    type: 'CaseNotDetermined',
    kind: 'not-found',
    caseId,
    message: `Kasus ${caseId} belum memiliki penetapan kelayakan.`,
  }),
  determinationNotFound: (determinationId: string, caseId?: string): DeterminationNotFound => ({
    type: 'DeterminationNotFound',
    kind: 'not-found',
    determinationId,
    ...(caseId !== undefined && { caseId }),
    message: caseId
      ? `Kasus ${caseId} tidak memiliki penetapan ${determinationId}.`
      : `Penetapan ${determinationId} tidak ditemukan.`,
  }),
  determinationSuperseded: (determinationId: string, latestDeterminationId: string): DeterminationSuperseded => ({
    type: 'DeterminationSuperseded',
    kind: 'conflict',
    determinationId,
    latestDeterminationId,
    message: `Penetapan ${determinationId} sudah digantikan oleh ${latestDeterminationId}: ubah hasil penetapan yang berlaku.`,
  }),
  programmeNotDetermined: (determinationId: string, programme: Programme): ProgrammeNotDetermined => ({
    type: 'ProgrammeNotDetermined',
    kind: 'invalid',
    determinationId,
    programme,
    message: `programme: penetapan ${determinationId} tidak menilai program ${programme}.`,
  }),
  programmeUnderReview: (programme: Programme, reviewId: string): ProgrammeUnderReview => ({
    type: 'ProgrammeUnderReview',
    kind: 'conflict',
    programme,
    reviewId,
    message: `Program ${programme} menunggu tinjauan manual ${reviewId}: putuskan tinjauan itu, bukan mengubah hasilnya.`,
  }),
  overrideChangesNothing: (programme: Programme, eligible: boolean): OverrideChangesNothing => ({
    type: 'OverrideChangesNothing',
    kind: 'conflict',
    programme,
    eligible,
    message: `Program ${programme} sudah ${eligible ? 'layak' : 'tidak layak'}: perubahan hasil harus mengubah hasilnya.`,
  }),
  reviewNotFound: (reviewId: string, caseId?: string): ReviewNotFound => ({
    type: 'ReviewNotFound',
    kind: 'not-found',
    reviewId,
    ...(caseId !== undefined && { caseId }),
    message: caseId ? `Kasus ${caseId} tidak memiliki tinjauan manual ${reviewId}.` : `Tinjauan manual ${reviewId} tidak ditemukan.`,
  }),
  reviewAlreadyDecided: (reviewId: string): ReviewAlreadyDecided => ({
    type: 'ReviewAlreadyDecided',
    kind: 'conflict',
    reviewId,
    message: `Tinjauan manual ${reviewId} sudah diputuskan.`,
  }),
  reviewSuperseded: (reviewId: string): ReviewSuperseded => ({
    type: 'ReviewSuperseded',
    kind: 'conflict',
    reviewId,
    message: `Tinjauan manual ${reviewId} tidak berlaku lagi: penetapan yang lebih baru mengubah hasil programnya.`,
  }),
  programmeDecisionsMismatch: (reviewId: string, missing: readonly Programme[], unexpected: readonly string[]): ProgrammeDecisionsMismatch => {
    const parts = [
      missing.length > 0 ? `tidak ada keputusan untuk ${missing.join(', ')}` : '',
      unexpected.length > 0 ? `${unexpected.join(', ')} tidak termasuk tinjauan ini atau disebut dua kali` : '',
    ].filter(Boolean);
    return {
      type: 'ProgrammeDecisionsMismatch',
      kind: 'invalid',
      reviewId,
      missing,
      unexpected,
      message: `programmes: persetujuan memutuskan setiap program tinjauan ${reviewId} tepat satu kali (${parts.join('; ')}).`,
    };
  },
  programmesNotExpected: (decision: string): ProgrammesNotExpected => ({
    type: 'ProgrammesNotExpected',
    kind: 'invalid',
    decision,
    message: `programmes: hanya keputusan APPROVED yang menyebut program; ${decision} berlaku untuk seluruh tinjauan.`,
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
  republicationDateInFuture: (asOf: string, today: string): RepublicationDateInFuture => ({
    type: 'RepublicationDateInFuture',
    kind: 'invalid',
    asOf,
    today,
    message: `asOf: ${asOf} setelah hari ini (${today}); aturan diterbitkan ulang pada atau setelah tanggal berlakunya.`,
  }),
};
