import { hasCityWideScope, type Actor } from '../actor/actor';

/**
 * May this actor act on a resident of this kelurahan? A caseworker (pilar sosial) serves the
 * kelurahan listed in their token; supervisors and admins of the Dinas Sosial serve the whole
 * city. Auditors are read-only and agencies act on referrals, not on residents by area: neither
 * acts in a kelurahan.
 */
export function canActInKelurahan(actor: Actor, kelurahanCode: string): boolean {
  if (hasCityWideScope(actor)) return true;
  return actor.roles.includes('caseworker') && actor.kelurahan.includes(kelurahanCode);
}
