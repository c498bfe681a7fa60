/**
 * The event catalogue: for every event type, its context, its schema versions and their JSON
 * Schemas. Built from the generated registry, which is built from the schema files.
 */
import { UnknownEventTypeError, UnknownSchemaVersionError } from '../errors';
import type { LatestSchemaVersion } from '../events';
import { eventSchemas, latestSchemaVersions } from '../generated';
import {
  EVENT_TYPES,
  contextOf,
  isEventType,
  type EventContext,
  type EventType,
} from '../wire-names';
import type { JsonSchema } from './json-schema';

export interface EventCatalogueEntry<T extends EventType = EventType> {
  readonly type: T;
  readonly context: EventContext;
  /** Ascending, 1 … latestVersion. */
  readonly versions: readonly number[];
  readonly latestVersion: LatestSchemaVersion<T>;
  readonly schemas: Readonly<Record<number, JsonSchema>>;
}

export const eventCatalogue = Object.freeze(
  Object.fromEntries(
    EVENT_TYPES.map((type) => {
      const latestVersion = latestSchemaVersions[type];
      const entry: EventCatalogueEntry = {
        type,
        context: contextOf(type),
        versions: Array.from({ length: latestVersion }, (_, index) => index + 1),
        latestVersion,
        schemas: eventSchemas[type],
      };
      return [type, Object.freeze(entry)];
    }),
  ),
) as { readonly [T in EventType]: EventCatalogueEntry<T> };

export function catalogueEntry(type: string): EventCatalogueEntry {
  if (!isEventType(type)) throw new UnknownEventTypeError(type);
  return eventCatalogue[type];
}

/** The JSON Schema of one event type at one version; throws for an unknown type or version. */
export function eventSchema(type: string, schemaVersion: number): JsonSchema {
  const entry = catalogueEntry(type);
  if (!entry.versions.includes(schemaVersion)) {
    throw new UnknownSchemaVersionError(type, schemaVersion, entry.versions);
  }
  return entry.schemas[schemaVersion];
}

/** The CloudEvents `dataschema` (ce_dataschema header) of an event: its schema's $id. */
export function dataSchemaUri(type: string, schemaVersion: number): string {
  return eventSchema(type, schemaVersion).$id;
}

/** The event type and version a `dataschema` URI names, or undefined for a URI not in the catalogue. */
export function parseDataSchemaUri(
  uri: string,
): { type: EventType; schemaVersion: number } | undefined {
  for (const entry of Object.values(eventCatalogue) as EventCatalogueEntry[]) {
    const schemaVersion = entry.versions.find((version) => entry.schemas[version].$id === uri);
    if (schemaVersion !== undefined) return { type: entry.type, schemaVersion };
  }
  return undefined;
}
