import { validateEventData } from '../catalogue/validation';
import { UnknownEventTypeError, UnknownSchemaVersionError } from '../errors';
import type { EventData } from '../events';
import { exampleEventData } from '../examples';
import { createUpcaster, type Upcaster } from './upcaster';
import { upcast, upcastEvent } from './upcast';

/**
 * A fixture history of one event type, longer than any LASTRI type's so far:
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
    const data = exampleEventData('CaseSubmitted', 2);
    expect(upcast('CaseSubmitted', 2, data)).toBe(data);
    expect(upcastEvent({ type: 'CaseSubmitted', schemaVersion: 2, data })).toEqual({
      type: 'CaseSubmitted',
      schemaVersion: 2,
      data,
    });
  });

  it('refuses an event from a newer producer instead of misreading it', () => {
    expect(() => upcastEvent({ type: 'CaseSubmitted', schemaVersion: 3, data: {} })).toThrow(
      UnknownSchemaVersionError,
    );
    expect(() => upcastEvent({ type: 'CaseReopened', schemaVersion: 1, data: {} })).toThrow(
      UnknownEventTypeError,
    );
  });
});

describe('assessments named by hand (v1) read as assessments by NIK (v2)', () => {
  it('reads a stored AssessmentRecorded v1 as valid v2: members without NIK, the pregnancy flag kept', () => {
    const v1 = {
      ...exampleEventData('AssessmentRecorded', 1),
      disabledMembers: [{ name: 'Sumiati', kind: 'SENSORY', severity: 'MODERATE' }],
      pregnantOrNursing: true,
    };

    const v2 = upcast('AssessmentRecorded', 1, v1);

    expect(validateEventData('AssessmentRecorded', 2, v2)).toEqual({ ok: true });
    expect(v2.children).toEqual([
      { nik: null, name: 'Ahmad Fauzi', age: 15, enrolled: true, level: 'SMP', grade: 9 },
      { nik: null, name: 'Nur Aini', age: 9, enrolled: true, level: 'SD', grade: 4 },
    ]);
    expect(v2.disabledMembers).toEqual([
      { nik: null, name: 'Sumiati', age: null, kind: 'SENSORY', severity: 'MODERATE' },
    ]);
    expect(v2.elderlyMembers).toEqual([{ nik: null, name: 'Sumiati', age: 72 }]);
    expect(v2.pregnantOrNursing).toBe(true);
    expect(v2.pregnantOrNursingMembers).toEqual([]);
  });

  it('reads a stored CaseSubmitted v1 as valid v2, the rest of the snapshot untouched', () => {
    const v1 = exampleEventData('CaseSubmitted', 1) as unknown as EventData<'CaseSubmitted', 1>;

    const v2 = upcastEvent({ type: 'CaseSubmitted', schemaVersion: 1, data: v1 });

    expect(v2.schemaVersion).toBe(2);
    expect(validateEventData('CaseSubmitted', 2, v2.data)).toEqual({ ok: true });
    const { assessment, ...rest } = v2.data as EventData<'CaseSubmitted', 2>;
    const { assessment: assessmentV1, ...restV1 } = v1;
    expect(rest).toEqual(restV1);
    expect(assessment.children.map((child) => child.nik)).toEqual([null, null]);
    expect(assessment.elderlyMembers).toEqual([{ nik: null, name: 'Sumiati', age: 72 }]);
    expect(assessment.pregnantOrNursing).toBe(assessmentV1.pregnantOrNursing);
    expect(assessment.pregnantOrNursingMembers).toEqual([]);
  });
});
