import type { Role } from './role';

/**
 * The person (or partner agency user) behind a request, as vouched for by a verified token.
 * Built only by actorFromClaims, which keeps these invariants:
 * - `roles` is non-empty, without duplicates;
 * - `agencyId` is present exactly when `roles` is `['agency']` (agency users hold no other role);
 * - a caseworker without city-wide scope (supervisor, admin) lists at least one kelurahan.
 */
export interface Actor {
  /** The identity provider's user id (JWT `sub`). */
  readonly sub: string;
  /** Display name, for people reading history and notifications. */
  readonly name: string;
  readonly roles: readonly Role[];
  /** Full kelurahan codes a caseworker may act in; empty for roles without kelurahan scope. */
  readonly kelurahan: readonly string[];
  /** The partner agency this user works for; only with the agency role. */
  readonly agencyId?: string;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

/** Supervisors and admins of the Dinas Sosial act for the whole city, not per kelurahan. */
export function hasCityWideScope(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.includes('supervisor') || actor.roles.includes('admin');
}
