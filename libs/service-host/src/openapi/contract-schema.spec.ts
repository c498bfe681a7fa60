import { openApiSchemaOfEvent } from './contract-schema';

function walk(node: unknown, visit: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) return node.forEach((item) => walk(item, visit));
  if (typeof node !== 'object' || node === null) return;
  visit(node as Record<string, unknown>);
  Object.values(node).forEach((value) => walk(value, visit));
}

describe('openApiSchemaOfEvent', () => {
  it.each([
    ['EligibilityDetermined', 1],
    ['EligibilityOverridden', 1],
    ['ResidentRegistered', 1],
  ])('turns the %s v%i contract into an OpenAPI 3.0 schema with nothing 3.0 cannot read', (type, version) => {
    const schema = openApiSchemaOfEvent(type, version);
    expect(schema).toMatchObject({ type: 'object', required: expect.any(Array), properties: expect.any(Object) });
    walk(schema, (object) => {
      expect(Object.keys(object).filter((key) => key.startsWith('$') || key.startsWith('x-') || key === 'const')).toEqual([]);
      if ('type' in object && object.type !== undefined && typeof object.type !== 'object') expect(typeof object.type).toBe('string');
    });
  });

  it('keeps what a client needs: nullable members and the definitions it inlined', () => {
    const registered = openApiSchemaOfEvent('ResidentRegistered', 1) as { properties: Record<string, Record<string, unknown>> };
    expect(registered.properties.nik).toMatchObject({ type: 'string', pattern: '^[0-9]{16}$' });
    const overridden = openApiSchemaOfEvent('EligibilityOverridden', 1) as { properties: Record<string, Record<string, unknown>> };
    expect(overridden.properties.programme.enum).toContain('PKH');
  });
});
