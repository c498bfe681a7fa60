import { UnknownEventTypeError } from '../errors';
import type { EventData, LastriEvent, UntypedEvent } from '../events';
import { latestSchemaVersions } from '../generated';
import { isEventType, type EventType } from '../wire-names';
import { assessmentRecordedV1ToV2, caseSubmittedV1ToV2 } from './assessment-by-nik.upcasters';
import { createUpcaster, type Upcaster } from './upcaster';

/**
 * LASTRI's upcasters, one per type and old version. When a type gets schema v2, add its v1 → v2
 * upcaster here (and keep the v1 schema): createUpcaster refuses to start without it.
 */
const upcasters: readonly Upcaster[] = [assessmentRecordedV1ToV2, caseSubmittedV1ToV2];

const upcastToLatest = createUpcaster(latestSchemaVersions, upcasters);

/** Data of `type` stored at `fromVersion`, brought to the latest version. Does not validate it. */
export function upcast<T extends EventType>(
  type: T,
  fromVersion: number,
  data: unknown,
): EventData<T> {
  return upcastToLatest(type, fromVersion, data) as EventData<T>;
}

/** A stored or received event at the latest version of its type, ready for a typed handler. */
export function upcastEvent(event: UntypedEvent): LastriEvent {
  if (!isEventType(event.type)) throw new UnknownEventTypeError(event.type);
  return {
    type: event.type,
    schemaVersion: latestSchemaVersions[event.type],
    data: upcast(event.type, event.schemaVersion, event.data),
  } as LastriEvent;
}
