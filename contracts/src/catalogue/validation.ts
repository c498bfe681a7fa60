/**
 * Validates event data, event metadata and Kafka headers against the published schemas, with
 * errors that name the offending field by JSON pointer (`/address/kelurahanCode`), so a producer
 * or a partner sees what to fix.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import cloudEventsKafkaHeadersSchema from '../../envelope/cloud-events-kafka-headers.v1.schema.json';
import eventMetadataSchema from '../../envelope/event-metadata.v1.schema.json';
import { createContractsAjv } from './ajv';
import { eventCatalogue, eventSchema, type EventCatalogueEntry } from './event-catalogue';

export interface ValidationIssue {
  /** JSON pointer of the field at fault; '' for the whole value. */
  readonly path: string;
  readonly message: string;
  /** The schema keyword that failed (required, format, enum…). */
  readonly keyword: string;
}

/** `errors` is sorted by path, so it reads in the order of the document. */
export type ValidationResult =
  { readonly ok: true } | { readonly ok: false; readonly errors: readonly ValidationIssue[] };

const ajv = createContractsAjv();
for (const entry of Object.values(eventCatalogue) as EventCatalogueEntry[]) {
  for (const version of entry.versions) ajv.addSchema(entry.schemas[version]);
}
ajv.addSchema(eventMetadataSchema).addSchema(cloudEventsKafkaHeadersSchema);

/** Checks `data` against the schema of `type` at `schemaVersion`; throws for an unknown type or version. */
export function validateEventData(
  type: string,
  schemaVersion: number,
  data: unknown,
): ValidationResult {
  return validateAgainst(eventSchema(type, schemaVersion).$id, data);
}

export function validateEventMetadata(metadata: unknown): ValidationResult {
  return validateAgainst(eventMetadataSchema.$id, metadata);
}

/** Checks a Kafka record's headers, decoded to strings, against the CloudEvents binary-mode schema. */
export function validateCloudEventsKafkaHeaders(headers: unknown): ValidationResult {
  return validateAgainst(cloudEventsKafkaHeadersSchema.$id, headers);
}

function validateAgainst(schemaId: string, value: unknown): ValidationResult {
  // Compiled on first use: a service compiles only the schemas it actually reads or writes.
  const validate = ajv.getSchema(schemaId) as ValidateFunction;
  if (validate(value)) return { ok: true };
  return { ok: false, errors: toIssues(validate.errors ?? []) };
}

function toIssues(errors: ErrorObject[]): ValidationIssue[] {
  const issues = errors
    // "must match then schema" only echoes the errors inside `then`, which are reported themselves.
    .filter((error) => error.keyword !== 'if')
    .map(toIssue);
  const seen = new Set<string>();
  return issues
    .filter((issue) => {
      const key = `${issue.path} ${issue.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function toIssue(error: ErrorObject): ValidationIssue {
  // ajv reports a missing or an unexpected property at its parent; the caller wants the field itself.
  if (error.keyword === 'required') {
    return {
      path: childPointer(error.instancePath, error.params.missingProperty),
      message: 'is required',
      keyword: error.keyword,
    };
  }
  if (error.keyword === 'additionalProperties') {
    return {
      path: childPointer(error.instancePath, error.params.additionalProperty),
      message: 'is not allowed here',
      keyword: error.keyword,
    };
  }
  return {
    path: error.instancePath,
    message: error.message ?? error.keyword,
    keyword: error.keyword,
  };
}

function childPointer(parent: string, property: string): string {
  return `${parent}/${property.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
