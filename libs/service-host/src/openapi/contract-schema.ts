/**
 * An event contract's JSON Schema (2020-12) as an OpenAPI 3.0 schema object, for routes that
 * answer with an event's data as recorded: the contract stays the one description of those
 * members, and the API document cannot drift from it.
 *
 * What 3.0 lacks is rewritten: local `$ref`s into `$defs` are inlined, `type: [T, "null"]`
 * becomes `type: T, nullable: true` (a union of several types: no `type`, any value), `const` becomes a one-value `enum`, and the 2020-12
 * keywords and `x-personal-data` annotations are dropped.
 */
import { eventSchema } from '@lastri/contracts';

type JsonObject = { [key: string]: unknown };

const DROPPED = new Set(['$schema', '$id', '$defs', '$comment', 'examples']);

export function openApiSchemaOfEvent(type: string, schemaVersion: number): Record<string, unknown> {
  const schema = eventSchema(type, schemaVersion) as unknown as JsonObject;
  return convert(schema, (schema.$defs ?? {}) as JsonObject) as Record<string, unknown>;
}

function convert(node: unknown, defs: JsonObject): unknown {
  if (Array.isArray(node)) return node.map((item) => convert(item, defs));
  if (typeof node !== 'object' || node === null) return node;
  const source = node as JsonObject;
  if (typeof source.$ref === 'string') {
    const name = /^#\/\$defs\/(.+)$/.exec(source.$ref)?.[1];
    if (!name || !(name in defs)) throw new Error(`Cannot inline ${source.$ref}: only local $defs are supported.`);
    const { $ref: _ref, ...siblings } = source;
    return convert({ ...(defs[name] as JsonObject), ...siblings }, defs);
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, member]) => [name, convert(member, defs)]));
    } else if (key === 'type' && Array.isArray(value)) {
      // 3.0 has no union of types: several become "any value" (no `type`), which is still true.
      const types = value.filter((t) => t !== 'null');
      if (types.length === 1) out.type = types[0];
      if (value.includes('null')) out.nullable = true;
    } else if (key === 'const') {
      out.enum = [value];
    } else if (key === 'enum' && Array.isArray(value)) {
      out.enum = value.filter((member) => member !== null);
      if (value.includes(null)) out.nullable = true;
    } else {
      out[key] = convert(value, defs);
    }
  }
  return out;
}
