/**
 * What a command on an agency's keys can run into, as values: `kind` says missing (404), the key
 * has moved on (409) or the request itself is wrong (422); `type` is stable for clients;
 * `message` is for the operator, in Bahasa Indonesia.
 */
export type AgencyKeyErrorKind = 'not-found' | 'conflict' | 'invalid';

interface Refusal<Type extends string, Kind extends AgencyKeyErrorKind> {
  readonly type: Type;
  readonly kind: Kind;
  readonly message: string;
}

export type AgencyNotFound = Refusal<'AgencyNotFound', 'not-found'> & { readonly agencyId: string };
export type ApiKeyNotFound = Refusal<'ApiKeyNotFound', 'not-found'> & {
  readonly agencyId: string;
  readonly keyId: string;
};
export type ApiKeyAlreadyIssued = Refusal<'ApiKeyAlreadyIssued', 'conflict'> & {
  readonly keyId: string;
};
export type ApiKeyRevoked = Refusal<'ApiKeyRevoked', 'conflict'> & { readonly keyId: string };
export type ApiKeyExpired = Refusal<'ApiKeyExpired', 'conflict'> & { readonly keyId: string };
export type ApiKeyAlreadyRotated = Refusal<'ApiKeyAlreadyRotated', 'conflict'> & {
  readonly keyId: string;
  readonly replacedBy: string;
};
export type ExpiryNotInFuture = Refusal<'ExpiryNotInFuture', 'invalid'> & {
  readonly expiresAt: string;
};
/** The operator's input passed the request's shape but would break the event's contract. */
export type EventContractViolation = Refusal<'EventContractViolation', 'invalid'> & {
  readonly eventType: string;
};

export type AgencyKeyError =
  | AgencyNotFound
  | ApiKeyNotFound
  | ApiKeyAlreadyIssued
  | ApiKeyRevoked
  | ApiKeyExpired
  | ApiKeyAlreadyRotated
  | ExpiryNotInFuture
  | EventContractViolation;

const ERROR_TYPES: ReadonlySet<string> = new Set<AgencyKeyError['type']>([
  'AgencyNotFound',
  'ApiKeyNotFound',
  'ApiKeyAlreadyIssued',
  'ApiKeyRevoked',
  'ApiKeyExpired',
  'ApiKeyAlreadyRotated',
  'ExpiryNotInFuture',
  'EventContractViolation',
]);

export function isAgencyKeyError(value: unknown): value is AgencyKeyError {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    ERROR_TYPES.has((value as { type?: string }).type ?? '')
  );
}

const AGENCY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const KEY_ID = /^[0-9a-f]{32}$/;

/** Path parameters are raw input: a message repeats only a well-formed id. */
function echo(value: string, shape: RegExp): string {
  return value.length <= 64 && shape.test(value) ? value : 'ini';
}

export const refuse = {
  agencyNotFound: (agencyId: string): AgencyNotFound => ({
    type: 'AgencyNotFound',
    kind: 'not-found',
    agencyId,
    message: `Lembaga mitra ${echo(agencyId, AGENCY_ID)} tidak dikenal.`,
  }),
  keyNotFound: (agencyId: string, keyId: string): ApiKeyNotFound => ({
    type: 'ApiKeyNotFound',
    kind: 'not-found',
    agencyId,
    keyId,
    message: `Kunci API ${echo(keyId, KEY_ID)} milik lembaga ${echo(agencyId, AGENCY_ID)} tidak ditemukan.`,
  }),
  alreadyIssued: (keyId: string): ApiKeyAlreadyIssued => ({
    type: 'ApiKeyAlreadyIssued',
    kind: 'conflict',
    keyId,
    message: `Kunci API ${keyId} sudah pernah diterbitkan.`,
  }),
  revoked: (keyId: string): ApiKeyRevoked => ({
    type: 'ApiKeyRevoked',
    kind: 'conflict',
    keyId,
    message: `Kunci API ${keyId} sudah dicabut.`,
  }),
  expired: (keyId: string): ApiKeyExpired => ({
    type: 'ApiKeyExpired',
    kind: 'conflict',
    keyId,
    message: `Kunci API ${keyId} sudah kedaluwarsa; terbitkan kunci baru, jangan merotasinya.`,
  }),
  alreadyRotated: (keyId: string, replacedBy: string): ApiKeyAlreadyRotated => ({
    type: 'ApiKeyAlreadyRotated',
    kind: 'conflict',
    keyId,
    replacedBy,
    message: `Kunci API ${keyId} sudah dirotasi dan digantikan oleh ${replacedBy}.`,
  }),
  expiryNotInFuture: (expiresAt: string): ExpiryNotInFuture => ({
    type: 'ExpiryNotInFuture',
    kind: 'invalid',
    expiresAt,
    message: `Masa berlaku ${expiresAt} harus setelah waktu penerbitan.`,
  }),
  eventContractViolation: (eventType: string): EventContractViolation => ({
    type: 'EventContractViolation',
    kind: 'invalid',
    eventType,
    message: `Isian tidak dapat dicatat: melanggar kontrak peristiwa ${eventType}.`,
  }),
};
