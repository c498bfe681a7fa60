import cloudEventsKafkaHeadersSchema from '../../envelope/cloud-events-kafka-headers.v1.schema.json';
import eventMetadataSchema from '../../envelope/event-metadata.v1.schema.json';
import { UnknownEventTypeError, UnknownSchemaVersionError } from '../errors';
import { EVENT_TYPES, SCHEMA_BASE_URI } from '../wire-names';
import { createContractsAjv } from './ajv';
import {
  catalogueEntry,
  dataSchemaUri,
  eventCatalogue,
  eventSchema,
  parseDataSchemaUri,
} from './event-catalogue';
import type { JsonSchema } from './json-schema';

const allSchemas: JsonSchema[] = [
  ...EVENT_TYPES.flatMap((type) =>
    eventCatalogue[type].versions.map((version) => eventSchema(type, version)),
  ),
  eventMetadataSchema,
  cloudEventsKafkaHeadersSchema,
];

/**
 * The schemas are published as 2020-12 but declared as draft-07 in the AsyncAPI document, which is
 * only honest while they use keywords that mean the same in both. A new keyword is a deliberate
 * decision: check what draft-07 tools make of it, then add it here.
 */
const PORTABLE_KEYWORDS = new Set([
  '$schema',
  '$id',
  '$defs',
  '$ref',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'allOf',
  'if',
  'then',
  'else',
  'x-personal-data',
]);

type SchemaNode = Record<string, unknown>;
const isNode = (value: unknown): value is SchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Subschemas that describe a value's parts: its properties, items, map values, definitions. */
function shapeSubschemas(node: SchemaNode): SchemaNode[] {
  return [
    ...Object.values(node.properties ?? {}),
    ...Object.values(node.$defs ?? {}),
    node.items,
    node.additionalProperties,
  ].filter(isNode);
}

/** Those, plus the conditional and combined branches that refine the value itself. */
function subschemas(node: SchemaNode): SchemaNode[] {
  return [
    ...shapeSubschemas(node),
    ...[node.if, node.then, node.else].filter(isNode),
    ...((node.allOf as unknown[] | undefined) ?? []).filter(isNode),
  ];
}

function keywordProblems(node: SchemaNode, where: string): string[] {
  const own = Object.keys(node).flatMap((keyword) => [
    ...(PORTABLE_KEYWORDS.has(keyword) ? [] : [`${where}: ${keyword}`]),
    // Draft-07 ignores everything beside a $ref, so a sibling would mean different things.
    ...(keyword !== '$ref' && '$ref' in node ? [`${where}: ${keyword} beside $ref`] : []),
  ]);
  return [...own, ...subschemas(node).flatMap((child) => keywordProblems(child, where))];
}

describe('event catalogue', () => {
  it('lists every wire-name event type with its context and versions', () => {
    expect(Object.keys(eventCatalogue)).toEqual(EVENT_TYPES);
    expect(catalogueEntry('CaseSubmitted')).toMatchObject({
      type: 'CaseSubmitted',
      context: 'intake',
      versions: [1, 2],
      latestVersion: 2,
    });
    expect(eventCatalogue.EligibilityDetermined.context).toBe('eligibility');
  });

  it.each(allSchemas.map((schema) => [schema.$id.slice(SCHEMA_BASE_URI.length), schema]))(
    '%s compiles under ajv in strict JSON Schema 2020-12',
    (_, schema) => {
      expect(() => createContractsAjv().compile(schema)).not.toThrow();
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    },
  );

  it('closes every object: no schema lets unknown fields through', () => {
    // Conditional branches only refine an object the enclosing schema already closed.
    const open = (node: SchemaNode, where: string): string[] => [
      ...(node.type === 'object' && node.additionalProperties === undefined ? [where] : []),
      ...shapeSubschemas(node).flatMap((child) => open(child, where)),
    ];
    expect(allSchemas.flatMap((schema) => open(schema, schema.$id))).toEqual([]);
  });

  it('uses only keywords that draft-07 tools read the same way', () => {
    expect(allSchemas.flatMap((schema) => keywordProblems(schema, schema.$id))).toEqual([]);
  });

  it('maps an event to its CloudEvents dataschema and back', () => {
    const uri = dataSchemaUri('CaseSubmitted', 1);
    expect(uri).toBe(
      'https://lastri.pasuruankota.go.id/contracts/events/intake/case-submitted.v1.schema.json',
    );
    expect(parseDataSchemaUri(uri)).toEqual({ type: 'CaseSubmitted', schemaVersion: 1 });
    expect(parseDataSchemaUri('https://example.org/other.json')).toBeUndefined();
  });

  it('refuses unknown event types and versions with typed errors', () => {
    expect(() => eventSchema('CaseClosed', 1)).toThrow(UnknownEventTypeError);
    expect(() => eventSchema('CaseSubmitted', 3)).toThrow(UnknownSchemaVersionError);
  });
});
