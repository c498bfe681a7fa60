import { actorId, hasRole, type Actor } from '@lastri/auth';

import type { CommandIssuer } from '../../application/supervisor-command';

const MAX_CORRELATION_ID = 200;

/**
 * The supervisor as the events record them. A Dinas Sosial supervisor decides as
 * DINSOS_SUPERVISOR; an admin (the head of office's delegate, who signs the penetapan) as
 * HEAD_OF_OFFICE. Someone holding both acts as supervisor, the everyday role for reviews.
 */
export function commandIssuer(actor: Actor, correlationId: string | undefined): CommandIssuer {
  const role = hasRole(actor, 'supervisor') ? 'supervisor' : 'admin';
  return {
    decidedBy: { userId: actor.sub, role: role === 'supervisor' ? 'DINSOS_SUPERVISOR' : 'HEAD_OF_OFFICE' },
    actor: actorId(actor, role),
    ...(correlationId && correlationId.length <= MAX_CORRELATION_ID ? { correlationId } : {}),
  };
}
