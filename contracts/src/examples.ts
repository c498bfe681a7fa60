/**
 * The example payloads under contracts/examples, named after their schemas: partners read them
 * as documentation, the specs use them as fixtures. Not exported from the package.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eventSchema } from './catalogue/event-catalogue';
import { SCHEMA_BASE_URI } from './wire-names';

const CONTRACTS_ROOT = path.resolve(__dirname, '..');

/** examples/<context>/<event-type-kebab>.v<version>.json for an event type. */
export function exampleEventData(type: string, schemaVersion: number): Record<string, unknown> {
  return readExample(eventSchema(type, schemaVersion).$id);
}

/** The example of any schema published under contracts/, e.g. an envelope schema. */
export function readExample(schemaId: string): Record<string, unknown> {
  const schemaPath = schemaId.slice(SCHEMA_BASE_URI.length);
  const examplePath = path.join(
    CONTRACTS_ROOT,
    'examples',
    schemaPath.replace(/^events\//, '').replace(/\.schema\.json$/, '.json'),
  );
  return JSON.parse(readFileSync(examplePath, 'utf8')) as Record<string, unknown>;
}
