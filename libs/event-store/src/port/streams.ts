import type { StreamName } from './event-store';

/** The contexts that own resident streams, in the prefix each appends to. */
export const RESIDENT_STREAM_CONTEXTS = ['intake', 'eligibility', 'referral', 'notification'] as const;
export type ResidentStreamContext = (typeof RESIDENT_STREAM_CONTEXTS)[number];

export function residentStream(context: ResidentStreamContext, residentId: string): StreamName {
  return `${context}-${residentId}`;
}

export function residentStreams(residentId: string): StreamName[] {
  return RESIDENT_STREAM_CONTEXTS.map((context) => residentStream(context, residentId));
}
