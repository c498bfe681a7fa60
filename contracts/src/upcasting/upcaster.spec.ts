import { UnknownEventTypeError, UnknownSchemaVersionError } from '../errors';
import { exampleEventData } from '../examples';
import { createUpcaster, type Upcaster } from './upcaster';
import { upcast, upcastEvent } from './upcast';

/**
 * A fixture history of one event type, since every LASTRI type is still at v1:
 * v1 had one `name`; v2 split it into given and family name; v3 added a `locale` defaulting to 'id'.
 */
interface GreetingV1 {
  name: string;
}
interface GreetingV2 {
  givenName: string;
  familyName: string;
}
interface GreetingV3 extends GreetingV2 {
  locale: string;
}

const v1ToV2: Upcaster = {
  type: 'Greeting',
  fromVersion: 1,
  upcast(data: GreetingV1): GreetingV2 {
    const [givenName, ...rest] = data.name.split(' ');
    return { givenName, familyName: rest.join(' ') };
  },
};
const v2ToV3: Upcaster = {
  type: 'Greeting',
  fromVersion: 2,
  upcast: (data: GreetingV2): GreetingV3 => ({ ...data, locale: 'id' }),
};

describe('createUpcaster', () => {
  const upcastFixture = createUpcaster({ Greeting: 3, Farewell: 1 }, [v2ToV3, v1ToV2]);

  it('chains upcasters from any stored version to the latest', () => {
    const latest = { givenName: 'Siti', familyName: 'Aminah', locale: 'id' };
    expect(upcastFixture('Greeting', 1, { name: 'Siti Aminah' })).toEqual(latest);
    expect(upcastFixture('Greeting', 2, { givenName: 'Siti', familyName: 'Aminah' })).toEqual(
      latest,
    );
    expect(upcastFixture('Greeting', 3, latest)).toBe(latest);
    expect(upcastFixture('Farewell', 1, { at: 'noon' })).toEqual({ at: 'noon' });
  });

  it('refuses a version newer than this build knows, and a type it does not know', () => {
    expect(() => upcastFixture('Greeting', 4, {})).toThrow(UnknownSchemaVersionError);
    expect(() => upcastFixture('Greeting', 0, {})).toThrow(UnknownSchemaVersionError);
    expect(() => upcastFixture('toString', 1, {})).toThrow(UnknownEventTypeError);
  });

  it('refuses at construction a chain with a gap, a duplicate, or a step past the latest version', () => {
    expect(() => createUpcaster({ Greeting: 3 }, [v1ToV2])).toThrow(
      /Greeting: no upcaster from v2 to v3/,
    );
    expect(() => createUpcaster({ Greeting: 3 }, [v1ToV2, v2ToV3, v1ToV2])).toThrow(
      /Two upcasters read Greeting v1/,
    );
    expect(() => createUpcaster({ Greeting: 2 }, [v1ToV2, v2ToV3])).toThrow(
      /Greeting v2 leads nowhere: Greeting is at v2/,
    );
  });
});

describe("LASTRI's upcast", () => {
  it('hands over an event already at the latest version as it is', () => {
    const data = exampleEventData('CaseSubmitted', 1);
    expect(upcast('CaseSubmitted', 1, data)).toBe(data);
    expect(upcastEvent({ type: 'CaseSubmitted', schemaVersion: 1, data })).toEqual({
      type: 'CaseSubmitted',
      schemaVersion: 1,
      data,
    });
  });

  it('refuses an event from a newer producer instead of misreading it', () => {
    expect(() => upcastEvent({ type: 'CaseSubmitted', schemaVersion: 2, data: {} })).toThrow(
      UnknownSchemaVersionError,
    );
    expect(() => upcastEvent({ type: 'CaseReopened', schemaVersion: 1, data: {} })).toThrow(
      UnknownEventTypeError,
    );
  });
});
