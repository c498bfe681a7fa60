// Where an event's personal data is, read from the schema's `x-personal-data` marks, so that a
// privacy layer (per-resident encryption, crypto-shredding, access logging) finds the fields
// without a hand-kept list per event.
//
// A mark covers the whole value under it, so only the outermost marked fields are listed; such a
// field is `specific` if anything under it is marked specific. Array items and map values appear
// as `*` in the pointer: `/children/*/name`.
import { PERSONAL_DATA_KEYWORD } from './ajv';
import { eventSchema } from './event-catalogue';
import type { JsonSchema } from './json-schema';

/** UU PDP (Law 27/2022) art. 4: general personal data, or specific data (health, children, finances…). */
export type PersonalDataCategory = 'personal' | 'specific';

export interface PersonalDataPath {
  readonly pointer: string;
  readonly category: PersonalDataCategory;
}

type SchemaNode = Readonly<Record<string, unknown>>;

const cache = new Map<JsonSchema, readonly PersonalDataPath[]>();

export function personalDataPaths(
  type: string,
  schemaVersion: number,
): readonly PersonalDataPath[] {
  const schema = eventSchema(type, schemaVersion);
  let paths = cache.get(schema);
  if (!paths) {
    paths = Object.freeze(personalDataPathsOf(schema));
    cache.set(schema, paths);
  }
  return paths;
}

/** The same for any schema following the convention, e.g. one not (yet) in the catalogue. */
export function personalDataPathsOf(schema: JsonSchema): PersonalDataPath[] {
  return dedupe(collect(schema, '', schema));
}

function collect(
  node: SchemaNode,
  pointer: string,
  root: JsonSchema,
  ancestors = new Set<SchemaNode>(),
): PersonalDataPath[] {
  const resolved = resolve(node, root);
  if (markOf(node) ?? markOf(resolved)) {
    return [
      { pointer, category: containsSpecific(node, root, new Set()) ? 'specific' : 'personal' },
    ];
  }
  // A recursive schema (a tree of things) would otherwise be walked forever.
  if (ancestors.has(resolved)) return [];
  const inside = new Set(ancestors).add(resolved);
  return children(resolved).flatMap(([segment, child]) =>
    collect(child, segment === undefined ? pointer : `${pointer}/${segment}`, root, inside),
  );
}

function containsSpecific(node: SchemaNode, root: JsonSchema, visiting: Set<SchemaNode>): boolean {
  if (visiting.has(node)) return false;
  visiting.add(node);
  const resolved = resolve(node, root);
  if (markOf(node) === 'specific' || markOf(resolved) === 'specific') return true;
  return children(resolved).some(([, child]) => containsSpecific(child, root, visiting));
}

/**
 * The subschemas that describe parts of the same instance: properties (a pointer segment),
 * array items (`*`), and the branches of allOf/anyOf/oneOf and if/then/else (no segment: they
 * describe the value itself).
 */
function children(node: SchemaNode): Array<[string | undefined, SchemaNode]> {
  const result: Array<[string | undefined, SchemaNode]> = [];
  for (const [name, child] of Object.entries(asRecord(node.properties)))
    result.push([escape(name), asRecord(child)]);
  if (isRecord(node.items)) result.push(['*', node.items]);
  if (isRecord(node.additionalProperties)) result.push(['*', node.additionalProperties]);
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    for (const branch of Array.isArray(node[keyword]) ? (node[keyword] as unknown[]) : []) {
      result.push([undefined, asRecord(branch)]);
    }
  }
  for (const keyword of ['then', 'else'])
    if (isRecord(node[keyword])) result.push([undefined, node[keyword]]);
  return result;
}

/** Follows a local `$ref` (`#/$defs/nik`); the published schemas are self-contained. */
function resolve(node: SchemaNode, root: JsonSchema): SchemaNode {
  if (typeof node.$ref !== 'string') return node;
  if (!node.$ref.startsWith('#/'))
    throw new Error(`${root.$id}: only local $refs are supported, found ${node.$ref}.`);
  const target = node.$ref
    .slice(2)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((current, segment) => asRecord(current)[segment], root);
  if (!isRecord(target)) throw new Error(`${root.$id}: $ref ${node.$ref} points at nothing.`);
  return resolve(target, root);
}

function markOf(node: SchemaNode): PersonalDataCategory | undefined {
  const mark = node[PERSONAL_DATA_KEYWORD];
  return mark === 'specific' ? 'specific' : mark === true ? 'personal' : undefined;
}

/** One entry per pointer, the stricter category winning (a field can be reached through two branches). */
function dedupe(paths: PersonalDataPath[]): PersonalDataPath[] {
  const byPointer = new Map<string, PersonalDataPath>();
  for (const path of paths) {
    if (byPointer.get(path.pointer)?.category !== 'specific') byPointer.set(path.pointer, path);
  }
  return [...byPointer.values()];
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isRecord(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): SchemaNode {
  return isRecord(value) ? value : {};
}
