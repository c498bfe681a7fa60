import { canActInKelurahan, hasRole, type Actor } from '@lastri/auth';

import type { CaseView } from '../../domain/determination/case-view';

/**
 * Whether `actor` may read a case's eligibility: city-wide roles and auditors always, a caseworker
 * for a case in a kelurahan their token lists (the resident's kelurahan in the current
 * determination's inputs, later moves included), as intake lets them read the case itself.
 */
export function mayReadCase(actor: Actor, view: CaseView): boolean {
  if (hasRole(actor, 'auditor')) return true;
  const current = view.determinations.find((determination) => determination.determinationId === view.currentDeterminationId);
  return current !== undefined && canActInKelurahan(actor, current.inputs.resident.kelurahanCode);
}
