import { SetMetadata } from '@nestjs/common';
import { isRole, type Role } from '../actor/role';

export const ROLES_KEY = 'lastri:auth:roles';

/**
 * The route needs an actor holding at least one of these roles, else 403. On a controller it
 * applies to every route; a route's own @Roles replaces the controller's. There is no implicit
 * super-role: admin passes only where it is listed.
 */
export function Roles(...roles: [Role, ...Role[]]) {
  const unknown = roles.filter((role) => !isRole(role));
  if (roles.length === 0 || unknown.length > 0) {
    // Raised while the controller class is defined, so a typo stops the service at start.
    throw new TypeError(`@Roles() needs known roles, got: ${JSON.stringify(roles)}.`);
  }
  return SetMetadata(ROLES_KEY, roles);
}
