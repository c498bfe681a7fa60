import { actorId, type Actor } from '@lastri/auth';

import type { StaffRole } from '../../domain/vocabulary';
import type { EventProvenance } from './resident-stream';

/** Who asks, on behalf of which request, against which version of the resident's stream. */
export interface CommandContext {
  actor: Actor;
  /** Shared by everything that follows from one request, across contexts (X-Correlation-Id). */
  correlationId: string;
  /** The command's own id: the causationId of every event it appends, in every stream. */
  commandId: string;
  /**
   * The stream version the caller last saw (If-Match). Absent: the version just read, and a
   * concurrent write is retried on fresh state, since the caller asserted nothing about it.
   */
  expectedVersion?: number;
  /** The pilar sosial or office role the person acts in, recorded as e.g. `registeredBy.role`. */
  staffRole?: StaffRole;
}

/** Who and why, for the metadata of what this request's command appends at `occurredAt`. */
export function provenanceOf(
  context: CommandContext,
  residentId: string,
  occurredAt: string,
  caseId?: string,
): EventProvenance {
  return {
    residentId,
    ...(caseId !== undefined && { caseId }),
    correlationId: context.correlationId,
    causationId: context.commandId,
    actor: actorId(context.actor),
    occurredAt,
  };
}
