/**
 * Resident streams, one per context: the names are contracts/' wire names, so the store, the
 * relay and the auditors agree on them.
 */
import { EVENT_CONTEXTS, residentStreamName, type EventContext } from '@lastri/contracts';

import type { StreamName } from './event-store';

/** The contexts that own resident streams, in the prefix each appends to. */
export const RESIDENT_STREAM_CONTEXTS = EVENT_CONTEXTS;
export type ResidentStreamContext = EventContext;

export function residentStream(context: ResidentStreamContext, residentId: string): StreamName {
  return residentStreamName(context, residentId);
}

export function residentStreams(residentId: string): StreamName[] {
  return RESIDENT_STREAM_CONTEXTS.map((context) => residentStream(context, residentId));
}
