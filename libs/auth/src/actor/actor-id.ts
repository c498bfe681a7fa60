import type { Actor } from './actor';
import type { Role } from './role';

/**
 * Which role a person acted in when they hold several and the caller does not say: the
 * strongest decision power first, so an override by a supervisor who is also a caseworker reads
 * as the supervisor's.
 */
const ROLE_PRECEDENCE: readonly Role[] = ['admin', 'supervisor', 'caseworker', 'auditor'];

/**
 * The `actor` written into event metadata: `<role>:<sub>`, or `agency:<agencyId>:<sub>` for
 * partner agency users so that history shows which agency acted. Agency ids never contain ":",
 * so the string splits back unambiguously even when `sub` does.
 *
 * @param as the role the person acted in; must be one they hold.
 */
export function actorId(actor: Actor, as?: Role): string {
  if (as !== undefined && !actor.roles.includes(as)) {
    throw new Error(
      `actorId: ${actor.sub} does not hold the role "${as}" (holds ${actor.roles.join(', ')}).`,
    );
  }
  if (actor.agencyId !== undefined) return `agency:${actor.agencyId}:${actor.sub}`;
  const role = as ?? ROLE_PRECEDENCE.find((candidate) => actor.roles.includes(candidate));
  if (role === undefined) throw new Error(`actorId: ${actor.sub} holds no role.`);
  return `${role}:${actor.sub}`;
}
