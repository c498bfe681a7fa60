/**
 * Why the application refuses a request, beyond the decider's rules: access, concurrency, NIK
 * uniqueness and the event contracts. Values like the domain errors, with the fields they concern,
 * so the edge maps one union to HTTP.
 */
import { describeProblems, type IntakeError } from '../../domain/intake.errors';

export interface Problem {
  field: string;
  rule: string;
  message: string;
}

interface Refusal<Type extends string> {
  type: Type;
  message: string;
  problems: Problem[];
}

/** A caseworker acting outside the kelurahan their token lists. */
export type OutsideKelurahan = Refusal<'OutsideKelurahan'> & { kelurahanCode: string };
/** A staff role the person may not claim (a caseworker recording as DINSOS_SUPERVISOR). */
export type StaffRoleNotHeld = Refusal<'StaffRoleNotHeld'>;
/** The stream moved on since the caller read it (If-Match), or kept moving while retrying. */
export type VersionConflict = Refusal<'VersionConflict'> & { currentVersion: number | null };
/**
 * The NIK belongs to a registered resident. Who that is (`residentId`, `kelurahanCode`) is kept
 * only for a caller allowed to read that resident: `concealHolder` removes it for the others.
 */
export type NikAlreadyRegistered = Refusal<'NikAlreadyRegistered'> & { residentId?: string; kelurahanCode?: string };
/** Another registration holds the NIK and has not finished yet (or crashed moments ago). */
export type NikRegistrationPending = Refusal<'NikRegistrationPending'> & {
  residentId: string;
  retryAfterSeconds: number;
};
/** An event the decider produced fails its published schema (e.g. a user id longer than the contract allows). */
export type EventContractViolation = Refusal<'EventContractViolation'> & { eventType: string };

export type ApplicationRefusal =
  | OutsideKelurahan
  | StaffRoleNotHeld
  | VersionConflict
  | NikAlreadyRegistered
  | NikRegistrationPending
  | EventContractViolation;

export type IntakeRefusal = IntakeError | ApplicationRefusal;

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: IntakeRefusal };

export const succeed = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = <T = never>(refusal: IntakeRefusal): Outcome<T> => ({ ok: false, refusal });

export const refuseApplication = {
  outsideKelurahan: (kelurahanCode: string): OutsideKelurahan => ({
    type: 'OutsideKelurahan',
    kelurahanCode,
    message: `Anda tidak berwenang untuk kelurahan ${kelurahanCode}.`,
    problems: [{ field: 'address.kelurahanCode', rule: 'outside-kelurahan', message: `di luar kelurahan yang Anda layani (${kelurahanCode})` }],
  }),
  staffRoleNotHeld: (role: string): StaffRoleNotHeld => ({
    type: 'StaffRoleNotHeld',
    message: `Anda tidak dapat bertindak sebagai ${role}.`,
    problems: [{ field: 'staffRole', rule: 'staff-role-not-held', message: `peran ${role} tidak sesuai dengan peran pada token Anda` }],
  }),
  versionConflict: (expected: number | 'no-stream', current: number | 'no-stream'): VersionConflict => ({
    type: 'VersionConflict',
    currentVersion: current === 'no-stream' ? null : current,
    message: `Data warga sudah berubah sejak Anda membacanya (versi ${String(expected)}, kini ${String(current)}): muat ulang lalu ulangi.`,
    problems: [{ field: 'If-Match', rule: 'version-mismatch', message: `versi ${String(expected)} bukan versi terkini (${String(current)})` }],
  }),
  /** The messages never name the holder: they reach callers who may not know who it is. */
  nikAlreadyRegistered: (holder: { residentId: string; kelurahanCode: string } | undefined, field = 'nik'): NikAlreadyRegistered => ({
    type: 'NikAlreadyRegistered',
    ...holder,
    message: 'NIK ini sudah terdaftar atas warga lain.',
    problems: [{ field, rule: 'nik-already-registered', message: 'NIK ini sudah terdaftar' }],
  }),
  nikRegistrationPending: (residentId: string, retryAfterSeconds: number, field = 'nik'): NikRegistrationPending => ({
    type: 'NikRegistrationPending',
    residentId,
    retryAfterSeconds,
    message: `NIK ini sedang didaftarkan; coba lagi dalam ${retryAfterSeconds} detik.`,
    problems: [{ field, rule: 'nik-registration-pending', message: 'pendaftaran lain dengan NIK ini belum selesai' }],
  }),
  eventContract: (eventType: string, problems: Problem[]): EventContractViolation => ({
    type: 'EventContractViolation',
    eventType,
    message: `Data tidak memenuhi kontrak event ${eventType}: ${describeProblems(problems)}.`,
    problems,
  }),
};
