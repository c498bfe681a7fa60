import { canActInKelurahan, hasRole, type Actor } from '@lastri/auth';

import { refuse, type ResidentNotFound } from '../../domain/notification.errors';
import type { IntakeRecord, IntakeResident } from './intake-record';

/**
 * The resident if the actor may see them: a caseworker of their kelurahan, supervisors and admins
 * city-wide, auditors read everything. Otherwise, exactly as if intake held no such resident.
 */
export async function residentInScope(intake: IntakeRecord, actor: Actor, residentId: string, access: 'read' | 'write'): Promise<IntakeResident | ResidentNotFound> {
  const resident = await intake.resident(residentId);
  if (!resident) return refuse.residentNotFound(residentId);
  const mayRead = access === 'read' && hasRole(actor, 'auditor');
  if (!mayRead && !canActInKelurahan(actor, resident.kelurahanCode)) return refuse.residentNotFound(residentId);
  return resident;
}
