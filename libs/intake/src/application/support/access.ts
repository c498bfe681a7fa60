/**
 * Who may touch which resident. Roles are checked at the edge (@Roles); what needs the resident's
 * data is checked here: a caseworker (pilar sosial) acts only in the kelurahan their token lists,
 * supervisors and admins city-wide, and auditors read everything and write nothing.
 */
import { canActInKelurahan, hasCityWideScope, hasRole, type Actor } from '@lastri/auth';

import type { RegisteredResident } from '../../domain/intake.state';
import { STAFF_ROLES, type StaffMember, type StaffRole } from '../../domain/vocabulary';
import { refuseApplication, type IntakeRefusal, type OutsideKelurahan, type StaffRoleNotHeld } from './refusals';

export function writeAccess(actor: Actor, kelurahanCode: string): OutsideKelurahan | undefined {
  return canActInKelurahan(actor, kelurahanCode) ? undefined : refuseApplication.outsideKelurahan(kelurahanCode);
}

export function readAccess(actor: Actor, resident: RegisteredResident): OutsideKelurahan | undefined {
  if (hasRole(actor, 'auditor')) return undefined;
  return writeAccess(actor, resident.profile.address.kelurahanCode);
}

/**
 * The refusal as `actor` may see it: who holds a NIK (their id, their kelurahan) only for a caller
 * who could read that resident anyway, so a 409 is no way to find residents of other kelurahan.
 */
export function concealHolder(actor: Actor, refusal: IntakeRefusal): IntakeRefusal {
  if (refusal.type !== 'NikAlreadyRegistered') return refusal;
  const { residentId: _residentId, kelurahanCode, ...anonymous } = refusal;
  const mayRead = kelurahanCode !== undefined && (hasRole(actor, 'auditor') || canActInKelurahan(actor, kelurahanCode));
  return mayRead ? refusal : anonymous;
}

/** The roles of the social workforce and the front office a caseworker token may record. */
const FIELD_ROLES: readonly StaffRole[] = [
  'PSM',
  'TKSK',
  'TAGANA',
  'PENDAMPING_PKH',
  'KARANG_TARUNA',
  'KARANG_WERDA',
  'LKSA',
  'PUSKESOS_OPERATOR',
  'DINSOS_CASEWORKER',
];
/** RESIDENT is for residents acting online; this API is for staff. */
const OFFICE_ROLES: readonly StaffRole[] = STAFF_ROLES.filter((role) => role !== 'RESIDENT');

/**
 * The staff member recorded in event data (`registeredBy`, `assessedBy`…): the token's user, in
 * the role they say they act in, which must fit their token; by default the office role the token
 * implies.
 */
export function staffMemberFor(actor: Actor, requested: StaffRole | undefined): StaffMember | StaffRoleNotHeld {
  const cityWide = hasCityWideScope(actor);
  const allowed = cityWide ? OFFICE_ROLES : hasRole(actor, 'caseworker') ? FIELD_ROLES : [];
  const role = requested ?? (cityWide ? 'DINSOS_SUPERVISOR' : 'DINSOS_CASEWORKER');
  if (!allowed.includes(role)) return refuseApplication.staffRoleNotHeld(role);
  return { userId: actor.sub, role };
}

export function isStaffMember(value: StaffMember | StaffRoleNotHeld): value is StaffMember {
  return !('type' in value);
}
