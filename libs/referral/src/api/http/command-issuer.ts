import { actorId, type Actor } from '@lastri/auth';

import type { CommandIssuer } from '../../application/referral-dependencies';

const MAX_CORRELATION_ID = 200;

/** The person or agency system behind a request, as the events' metadata records them. */
export function commandIssuer(actor: Actor, correlationId: string | undefined): CommandIssuer {
  return {
    actor: actorId(actor),
    ...(correlationId && correlationId.length <= MAX_CORRELATION_ID ? { correlationId } : {}),
  };
}

/** What an agency user or key acts for; the auth guard only lets an agency actor through with one. */
export function agencyOf(actor: Actor): string {
  if (actor.agencyId === undefined) throw new Error(`Agency route reached by ${actor.sub} without an agencyId.`);
  return actor.agencyId;
}
