/**
 * What eligibility reads of intake's record: the event a message announced, located in the store
 * so that a determination can name its position, and the facts intake recorded after a case's
 * last determination. Intake's own events are read through their published contracts only.
 */
import type {
  CaseSubmittedV2Data,
  CaseWithdrawnV1Data,
  CircumstancesChangedV1Data,
  ResidentProfileCorrectedV1Data,
} from '@lastri/contracts';
import { EventTypes, residentStreamName, upcastEvent } from '@lastri/contracts';
import type { EventStore, StoredEvent } from '@lastri/event-store';

import type { SourceEvent } from '../domain/determination/eligibility.events';
import {
  applyCircumstances,
  applyProfileCorrection,
  type EligibilityInputs,
} from '../domain/inputs/eligibility-inputs';
import { IntakeEventNotInStore } from './application-errors';

/** The inputs of a case as they stand after folding intake's later facts into a determination's. */
export interface CurrentCaseInputs {
  readonly inputs: EligibilityInputs;
  readonly sourceEvents: readonly SourceEvent[];
  readonly sourceEventIds: readonly string[];
  /** The case was withdrawn: it is closed, nothing more is determined for it. */
  readonly withdrawn: boolean;
  /** Whether anything after the determination changed the inputs. */
  readonly changed: boolean;
}

export interface RecordedInputs {
  readonly inputs: EligibilityInputs;
  readonly sourceEvents: readonly SourceEvent[];
  readonly sourceEventIds: readonly string[];
}

/**
 * What eligibility may do with intake's streams: read them (ADR 0001). Narrower than the store
 * it is given, so an append to an intake stream from eligibility does not compile.
 */
export type IntakeStreamReader = Pick<EventStore, 'readStream'>;

export class IntakeRecord {
  constructor(private readonly store: IntakeStreamReader) {}

  /** The stored intake event `eventId` of the resident; throws IntakeEventNotInStore. */
  async find(residentId: string, eventId: string): Promise<StoredEvent> {
    const stream = residentStreamName('intake', residentId);
    const events = await this.store.readStream(stream);
    const found = events.find((event) => event.id === eventId);
    if (!found) throw new IntakeEventNotInStore(stream, eventId);
    return found;
  }

  /** The resident's intake events after stream version `afterVersion`, up to `throughVersion` if given. */
  async after(residentId: string, afterVersion: number, throughVersion?: number): Promise<StoredEvent[]> {
    const events = await this.store.readStream(residentStreamName('intake', residentId), { from: afterVersion + 1 });
    return throughVersion === undefined ? events : events.filter((event) => event.streamVersion <= throughVersion);
  }

  /** The events at the recorded positions, or why they are not what the determination says. */
  async atPositions(residentId: string, sources: readonly SourceEvent[]): Promise<{ events: StoredEvent[]; problems: string[] }> {
    const stream = await this.store.readStream(residentStreamName('intake', residentId));
    const events: StoredEvent[] = [];
    const problems: string[] = [];
    for (const source of sources) {
      const event = stream.find((candidate) => candidate.streamName === source.streamName && candidate.streamVersion === source.streamVersion);
      if (!event) problems.push(`${source.streamName}@${source.streamVersion}: no event there (${source.type} ${source.eventId} recorded)`);
      else if (event.id !== source.eventId || event.type !== source.type) {
        problems.push(`${source.streamName}@${source.streamVersion}: holds ${event.type} ${event.id}, the determination recorded ${source.type} ${source.eventId}`);
      } else events.push(event);
    }
    return { events, problems };
  }
}

export function sourceOf(event: StoredEvent): SourceEvent {
  return {
    eventId: event.id,
    type: event.type as SourceEvent['type'],
    streamName: event.streamName,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition,
  };
}

/** The highest intake stream version a determination's inputs include. */
export function appliedThrough(sources: readonly SourceEvent[]): number {
  return Math.max(...sources.map((source) => source.streamVersion));
}

/**
 * Folds intake's later events into a case's recorded inputs, in stream order: changes of
 * circumstances and corrections of the profile update the inputs and join the sources; a
 * withdrawal of the case closes it. Events the inputs already include are skipped.
 */
export function foldIntakeFacts(caseId: string, recorded: RecordedInputs, later: readonly StoredEvent[]): CurrentCaseInputs {
  const after = appliedThrough(recorded.sourceEvents);
  let inputs = recorded.inputs;
  const sourceEvents = [...recorded.sourceEvents];
  const sourceEventIds = [...recorded.sourceEventIds];
  let withdrawn = false;
  for (const stored of later) {
    if (stored.streamVersion <= after) continue;
    const applied = applyIntakeFact(inputs, stored);
    if (!applied) {
      if (stored.type === EventTypes.CaseWithdrawn && (upcastEvent(stored).data as CaseWithdrawnV1Data).caseId === caseId) withdrawn = true;
      continue;
    }
    inputs = applied;
    sourceEvents.push(sourceOf(stored));
    if (!sourceEventIds.includes(stored.id)) sourceEventIds.push(stored.id);
  }
  return { inputs, sourceEvents, sourceEventIds, withdrawn, changed: sourceEvents.length > recorded.sourceEvents.length };
}

/** The inputs after an intake fact that changes them (CircumstancesChanged, ResidentProfileCorrected); undefined for any other event. */
export function applyIntakeFact(inputs: EligibilityInputs, stored: StoredEvent): EligibilityInputs | undefined {
  if (stored.type === EventTypes.CircumstancesChanged) {
    return applyCircumstances(inputs, upcastEvent(stored).data as CircumstancesChangedV1Data);
  }
  if (stored.type === EventTypes.ResidentProfileCorrected) {
    return applyProfileCorrection(inputs, upcastEvent(stored).data as ResidentProfileCorrectedV1Data);
  }
  return undefined;
}

/** The CaseSubmitted event's own id first, then the intake events its snapshot was built from. */
export function submittedSourceIds(event: StoredEvent): string[] {
  const data = upcastEvent(event).data as CaseSubmittedV2Data;
  return [event.id, ...data.sourceEventIds.filter((id) => id !== event.id)];
}
