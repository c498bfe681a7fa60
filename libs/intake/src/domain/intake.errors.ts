/**
 * Why intake refuses a command: typed values the caller switches on, never exceptions. Each names
 * the fields it concerns (`problems`, with paths as the request spells them, e.g.
 * `householdMembers[1].nik`) and says what is wrong in Bahasa Indonesia, for the caseworker.
 * The HTTP edge maps `type` to a status; nothing here knows about HTTP.
 */

/** The rule a field broke: stable codes for tests and clients, independent of the wording. */
export type IntakeRule =
  | 'nik-invalid'
  | 'nik-does-not-match-birth'
  | 'nik-duplicated-in-household'
  | 'no-kk-invalid'
  | 'date-invalid'
  | 'date-in-future'
  | 'date-before-birth'
  | 'kelurahan-unknown'
  | 'household-needs-one-head'
  | 'household-member-unknown'
  | 'household-member-already-listed'
  | 'nothing-to-change'
  | 'consent-needs-giver'
  | 'consent-needs-method'
  | 'legal-basis-needs-reference'
  | 'child-needs-parent-or-guardian'
  | 'purpose-not-active'
  | 'complaint-required'
  | 'complaint-only-for-complaint-channel'
  | 'desil-only-in-dtsen'
  | 'schooling-inconsistent'
  | 'household-size-differs-from-kk'
  | 'not-a-household-member'
  | 'member-listed-twice'
  | 'member-ambiguous'
  | 'member-needs-nik'
  | 'pregnancy-implausible'
  | 'active-consent-required'
  | 'assessment-required'
  | 'assessment-outdated'
  | 'assessment-lacks-what-the-need-requires'
  | 'case-state';

export interface FieldProblem {
  /** Path of the field in the request, e.g. `address.kelurahanCode`, `children[0].grade`. */
  field: string;
  rule: IntakeRule;
  /** In Bahasa Indonesia, for the caseworker. */
  message: string;
}

interface Refusal<Type extends string> {
  type: Type;
  /** One sentence in Bahasa Indonesia. */
  message: string;
  problems: FieldProblem[];
}

export type ResidentNotRegistered = Refusal<'ResidentNotRegistered'> & { residentId: string };
export type ResidentAlreadyRegistered = Refusal<'ResidentAlreadyRegistered'> & { residentId: string };
/** Identity, address or household data that breaks a rule (NIK, KK, kelurahan, KK head…). */
export type ResidentDataRefused = Refusal<'ResidentDataRefused'>;
export type NothingToCorrect = Refusal<'NothingToCorrect'>;
export type ConsentRefused = Refusal<'ConsentRefused'>;
export type ConsentNotFound = Refusal<'ConsentNotFound'> & { consentId: string };
/** Only consent can be withdrawn; a basis in law (a public service, a legal obligation) cannot. */
export type ConsentNotWithdrawable = Refusal<'ConsentNotWithdrawable'> & { consentId: string };
export type ConsentAlreadyWithdrawn = Refusal<'ConsentAlreadyWithdrawn'> & { consentId: string };
export type CaseAlreadyOpened = Refusal<'CaseAlreadyOpened'> & { caseId: string };
export type CaseNotFound = Refusal<'CaseNotFound'> & { caseId: string };
export type CaseDataRefused = Refusal<'CaseDataRefused'>;
export type CaseAlreadySubmitted = Refusal<'CaseAlreadySubmitted'> & { caseId: string };
export type CaseAlreadyWithdrawn = Refusal<'CaseAlreadyWithdrawn'> & { caseId: string };
/** What is still missing before the case can go to eligibility: one problem per missing thing. */
export type CaseNotReadyForSubmission = Refusal<'CaseNotReadyForSubmission'> & { caseId: string };

export type IntakeError =
  | ResidentNotRegistered
  | ResidentAlreadyRegistered
  | ResidentDataRefused
  | NothingToCorrect
  | ConsentRefused
  | ConsentNotFound
  | ConsentNotWithdrawable
  | ConsentAlreadyWithdrawn
  | CaseAlreadyOpened
  | CaseNotFound
  | CaseDataRefused
  | CaseAlreadySubmitted
  | CaseAlreadyWithdrawn
  | CaseNotReadyForSubmission;

export type IntakeErrorType = IntakeError['type'];

export function problem(field: string, rule: IntakeRule, message: string): FieldProblem {
  return { field, rule, message };
}

/** `field: message; field: message` — a summary that names every field even where only `message` is shown. */
export function describeProblems(problems: readonly Pick<FieldProblem, 'field' | 'message'>[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join('; ');
}

export const refuse = {
  residentNotRegistered: (residentId: string): ResidentNotRegistered => ({
    type: 'ResidentNotRegistered',
    residentId,
    message: `Warga ${residentId} belum terdaftar.`,
    problems: [problem('residentId', 'case-state', 'warga dengan id ini belum terdaftar')],
  }),
  residentAlreadyRegistered: (residentId: string): ResidentAlreadyRegistered => ({
    type: 'ResidentAlreadyRegistered',
    residentId,
    message: `Warga ${residentId} sudah terdaftar.`,
    problems: [problem('residentId', 'case-state', 'warga dengan id ini sudah terdaftar')],
  }),
  residentData: (problems: FieldProblem[]): ResidentDataRefused => ({
    type: 'ResidentDataRefused',
    message: `Data warga ditolak: ${describeProblems(problems)}.`,
    problems,
  }),
  nothingToCorrect: (field: string, what: string): NothingToCorrect => ({
    type: 'NothingToCorrect',
    message: `Tidak ada yang berubah: ${what}.`,
    problems: [problem(field, 'nothing-to-change', what)],
  }),
  consent: (problems: FieldProblem[]): ConsentRefused => ({
    type: 'ConsentRefused',
    message: `Persetujuan ditolak: ${describeProblems(problems)}.`,
    problems,
  }),
  consentNotFound: (consentId: string): ConsentNotFound => ({
    type: 'ConsentNotFound',
    consentId,
    message: `Persetujuan ${consentId} tidak ditemukan pada warga ini.`,
    problems: [problem('consentId', 'case-state', 'persetujuan ini tidak tercatat pada warga ini')],
  }),
  consentNotWithdrawable: (consentId: string, basis: string): ConsentNotWithdrawable => ({
    type: 'ConsentNotWithdrawable',
    consentId,
    message: `Dasar pemrosesan ${consentId} adalah ${basis}, bukan persetujuan, sehingga tidak dapat ditarik.`,
    problems: [
      problem(
        'consentId',
        'case-state',
        `dasar pemrosesan ${basis} bukan persetujuan dan tidak dapat ditarik`,
      ),
    ],
  }),
  consentAlreadyWithdrawn: (consentId: string): ConsentAlreadyWithdrawn => ({
    type: 'ConsentAlreadyWithdrawn',
    consentId,
    message: `Persetujuan ${consentId} sudah ditarik seluruhnya.`,
    problems: [problem('consentId', 'case-state', 'persetujuan ini sudah ditarik seluruhnya')],
  }),
  caseAlreadyOpened: (caseId: string): CaseAlreadyOpened => ({
    type: 'CaseAlreadyOpened',
    caseId,
    message: `Kasus ${caseId} sudah dibuka.`,
    problems: [problem('caseId', 'case-state', 'kasus dengan id ini sudah ada')],
  }),
  caseNotFound: (caseId: string): CaseNotFound => ({
    type: 'CaseNotFound',
    caseId,
    message: `Kasus ${caseId} tidak ditemukan.`,
    problems: [problem('caseId', 'case-state', 'kasus dengan id ini tidak ditemukan')],
  }),
  caseData: (problems: FieldProblem[]): CaseDataRefused => ({
    type: 'CaseDataRefused',
    message: `Data kasus ditolak: ${describeProblems(problems)}.`,
    problems,
  }),
  caseAlreadySubmitted: (caseId: string): CaseAlreadySubmitted => ({
    type: 'CaseAlreadySubmitted',
    caseId,
    message: `Kasus ${caseId} sudah diajukan dan tidak dapat diubah lagi.`,
    problems: [problem('caseId', 'case-state', 'kasus ini sudah diajukan')],
  }),
  caseAlreadyWithdrawn: (caseId: string): CaseAlreadyWithdrawn => ({
    type: 'CaseAlreadyWithdrawn',
    caseId,
    message: `Kasus ${caseId} sudah dicabut.`,
    problems: [problem('caseId', 'case-state', 'kasus ini sudah dicabut')],
  }),
  caseNotReady: (caseId: string, missing: FieldProblem[]): CaseNotReadyForSubmission => ({
    type: 'CaseNotReadyForSubmission',
    caseId,
    message: `Kasus belum dapat diajukan, masih kurang: ${describeProblems(missing)}.`,
    problems: missing,
  }),
};

export function isIntakeError(value: unknown): value is IntakeError {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === 'string' &&
    Array.isArray((value as { problems?: unknown }).problems)
  );
}
