/**
 * A resident's intake stream, `intake-<residentId>`: read and folded into state, or extended with
 * the events of one command under the version it was decided on.
 */
import { EVENT_TYPES_BY_CONTEXT, residentStreamName, upcastEvent } from '@lastri/contracts';
import { type EventMetadata, type EventStore, type NewEvent, type StoredEvent } from '@lastri/event-store';
import { newId } from '@lastri/kernel';

import { evolve } from '../../domain/intake.evolve';
import type { IntakeEvent, RecordedIntakeEvent } from '../../domain/intake.events';
import { initialState, type IntakeState } from '../../domain/intake.state';

export type StreamVersion = number | 'no-stream';

export interface LoadedResident {
  residentId: string;
  state: IntakeState;
  version: StreamVersion;
}

/** Who and why, for the metadata of every event one command appends. */
export interface EventProvenance {
  residentId: string;
  caseId?: string;
  correlationId: string;
  causationId: string;
  actor: string;
  occurredAt: string;
}

const INTAKE_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES_BY_CONTEXT.intake);

export function intakeStream(residentId: string): string {
  return residentStreamName('intake', residentId);
}

export async function loadResident(store: EventStore, residentId: string): Promise<LoadedResident> {
  const stored = await store.readStream(intakeStream(residentId));
  const state = stored.map(toRecorded).reduce(evolve, initialState);
  return { residentId, state, version: stored.length === 0 ? 'no-stream' : stored[stored.length - 1].streamVersion };
}

export function toNewEvents(events: readonly IntakeEvent[], provenance: EventProvenance): NewEvent[] {
  return events.map((event) => ({
    id: newId(),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: eventMetadata(provenance),
  }));
}

/** The metadata of an event one command appends, to a resident's stream or to a stream beside it. */
export function eventMetadata(provenance: EventProvenance): EventMetadata {
  return {
    residentId: provenance.residentId,
    ...(provenance.caseId !== undefined && { caseId: provenance.caseId }),
    correlationId: provenance.correlationId,
    causationId: provenance.causationId,
    actor: provenance.actor,
    occurredAt: provenance.occurredAt,
  };
}

/** A stored event as the decider reads it: upcast to the latest schema version, with its id and time. */
export function toRecorded(event: StoredEvent | NewEvent): RecordedIntakeEvent {
  if (!INTAKE_TYPES.has(event.type)) {
    throw new Error(`Stream of resident ${event.metadata.residentId} holds a ${event.type}, which is not an intake event.`);
  }
  const latest = upcastEvent(event) as IntakeEvent;
  return { ...latest, metadata: { eventId: event.id, occurredAt: event.metadata.occurredAt } };
}
