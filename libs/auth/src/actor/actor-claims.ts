import { hasCityWideScope, type Actor } from './actor';
import { isKelurahanCode } from './kelurahan-code';
import { ROLES, isRole, type Role } from './role';

/** The LASTRI claims of a token, besides the registered ones (iss, aud, exp…). */
export interface ActorClaims {
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly kelurahan?: readonly string[];
  readonly agencyId?: string;
}

/** A token (or claims to be minted) that does not describe a LASTRI actor; `claim` names the culprit. */
export class InvalidClaimsError extends Error {
  override readonly name = 'InvalidClaimsError';
  constructor(
    readonly claim: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_ID_LENGTH = 255;
/** Agency ids name Kafka topics (`lastri.partner.<agencyId>`), so they keep to topic characters. */
const AGENCY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** No whitespace or control characters: ids end up in event metadata and log lines. */
const PRINTABLE_ID = /^[^\s\p{C}]+$/u;

/** Reads the LASTRI claims of an already verified token; throws InvalidClaimsError when they are wrong. */
export function actorFromClaims(claims: Readonly<Record<string, unknown>>): Actor {
  const sub = requireId(claims, 'sub');
  const name = requireName(claims);
  const roles = requireRoles(claims);
  const kelurahan = readKelurahan(claims, roles);
  const agencyId = readAgencyId(claims, roles);
  return agencyId === undefined
    ? { sub, name, roles, kelurahan }
    : { sub, name, roles, kelurahan, agencyId };
}

function requireId(claims: Readonly<Record<string, unknown>>, claim: string): string {
  const value = claims[claim];
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidClaimsError(claim, `"${claim}" must be a non-empty string.`);
  }
  if (value.length > MAX_ID_LENGTH || !PRINTABLE_ID.test(value)) {
    throw new InvalidClaimsError(
      claim,
      `"${claim}" must be at most ${MAX_ID_LENGTH} characters without spaces or control characters.`,
    );
  }
  return value;
}

function requireName(claims: Readonly<Record<string, unknown>>): string {
  const value = claims.name;
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new InvalidClaimsError(
      'name',
      '"name" must be a non-empty string (the user\'s display name).',
    );
  }
  return value.trim();
}

function requireRoles(claims: Readonly<Record<string, unknown>>): Role[] {
  const value = claims.roles;
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidClaimsError(
      'roles',
      `"roles" must be a non-empty array of: ${ROLES.join(', ')}.`,
    );
  }
  const unknown = value.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    throw new InvalidClaimsError(
      'roles',
      `unknown role ${unknown.map((role) => JSON.stringify(role)).join(', ')} (known roles: ${ROLES.join(', ')}).`,
    );
  }
  const roles = [...new Set(value as Role[])];
  // An agency user is outside the Dinas Sosial: mixing in an internal role would hand a partner
  // the office's powers and make the actor id ambiguous.
  if (roles.includes('agency') && roles.length > 1) {
    throw new InvalidClaimsError('roles', '"agency" cannot be combined with other roles.');
  }
  return roles;
}

function readKelurahan(
  claims: Readonly<Record<string, unknown>>,
  roles: readonly Role[],
): string[] {
  const value = claims.kelurahan ?? [];
  if (!Array.isArray(value)) {
    throw new InvalidClaimsError(
      'kelurahan',
      '"kelurahan" must be an array of kelurahan codes like "35.75.04.1011".',
    );
  }
  const malformed = value.filter((code) => !isKelurahanCode(code));
  if (malformed.length > 0) {
    throw new InvalidClaimsError(
      'kelurahan',
      `malformed kelurahan code ${malformed.map((code) => JSON.stringify(code)).join(', ')} ` +
        `(expected a full code like "35.75.04.1011").`,
    );
  }
  const kelurahan = [...new Set(value as string[])];
  if (roles.includes('caseworker') && !hasCityWideScope({ roles }) && kelurahan.length === 0) {
    throw new InvalidClaimsError(
      'kelurahan',
      'a caseworker token must list the kelurahan the caseworker serves.',
    );
  }
  return kelurahan;
}

function readAgencyId(
  claims: Readonly<Record<string, unknown>>,
  roles: readonly Role[],
): string | undefined {
  const isAgency = roles.includes('agency');
  if (claims.agencyId === undefined) {
    if (isAgency)
      throw new InvalidClaimsError(
        'agencyId',
        'the agency role needs "agencyId" (which partner agency).',
      );
    return undefined;
  }
  if (!isAgency) {
    throw new InvalidClaimsError('agencyId', '"agencyId" is allowed only with the agency role.');
  }
  const agencyId = requireId(claims, 'agencyId');
  if (!AGENCY_ID.test(agencyId)) {
    throw new InvalidClaimsError(
      'agencyId',
      `"agencyId" may contain only letters, digits, ".", "_" and "-": got ${JSON.stringify(agencyId)}.`,
    );
  }
  return agencyId;
}
