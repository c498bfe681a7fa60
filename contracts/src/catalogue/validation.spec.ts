import cloudEventsKafkaHeadersSchema from '../../envelope/cloud-events-kafka-headers.v1.schema.json';
import eventMetadataSchema from '../../envelope/event-metadata.v1.schema.json';
import { UnknownEventTypeError, UnknownSchemaVersionError } from '../errors';
import { exampleEventData, readExample } from '../examples';
import { EVENT_TYPES } from '../wire-names';
import { eventCatalogue, eventSchema } from './event-catalogue';
import {
  validateCloudEventsKafkaHeaders,
  validateEventData,
  validateEventMetadata,
} from './validation';

const everyVersion = EVENT_TYPES.flatMap((type) =>
  eventCatalogue[type].versions.map((version) => [type, version] as const),
);

describe('validateEventData', () => {
  it.each(everyVersion)('accepts the published example of %s v%i', (type, version) => {
    expect(validateEventData(type, version, exampleEventData(type, version))).toEqual({ ok: true });
  });

  it.each(everyVersion)(
    'rejects %s v%i without a required field, naming the field',
    (type, version) => {
      const data = exampleEventData(type, version);
      const field = (eventSchema(type, version).required as string[])[0];
      delete data[field];
      expect(validateEventData(type, version, data)).toEqual({
        ok: false,
        errors: [{ path: `/${field}`, message: 'is required', keyword: 'required' }],
      });
    },
  );

  it('names a nested field with a malformed value, and a field the schema does not know', () => {
    const data = exampleEventData('ResidentRegistered', 1) as {
      address: Record<string, unknown>;
      nickname?: string;
    };
    data.address.kelurahanCode = '3575041011';
    data.nickname = 'Bu Siti';
    const result = validateEventData('ResidentRegistered', 1, data);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((error) => error.path)).toEqual([
      '/address/kelurahanCode',
      '/nickname',
    ]);
  });

  it('checks formats and enums inside arrays', () => {
    const data = exampleEventData('ResidentRegistered', 1) as {
      householdMembers: Array<Record<string, unknown>>;
    };
    data.householdMembers[1].birthDate = '2016-02-30';
    data.householdMembers[2].relation = 'NENEK';
    const result = validateEventData('ResidentRegistered', 1, data);
    expect(!result.ok && result.errors.map(({ path, keyword }) => ({ path, keyword }))).toEqual([
      { path: '/householdMembers/1/birthDate', keyword: 'format' },
      { path: '/householdMembers/2/relation', keyword: 'enum' },
    ]);
  });

  it('enforces conditional rules: consent needs who gave it, a priority case needs a reason', () => {
    const consent = {
      ...exampleEventData('ConsentRecorded', 1),
      givenBy: undefined,
      method: undefined,
    };
    expect(
      validateEventData('ConsentRecorded', 1, JSON.parse(JSON.stringify(consent))),
    ).toMatchObject({
      ok: false,
      errors: [{ path: '/givenBy' }, { path: '/method' }],
    });
    const publicTask = {
      ...consent,
      legalBasis: 'PUBLIC_SERVICE_BY_LAW',
      legalReference: 'Permensos 15/2018 tentang SLRT',
    };
    expect(validateEventData('ConsentRecorded', 1, JSON.parse(JSON.stringify(publicTask)))).toEqual(
      { ok: true },
    );

    const priority = { ...exampleEventData('CaseOpened', 1), priority: 'PRIORITY' };
    expect(validateEventData('CaseOpened', 1, priority)).toMatchObject({
      ok: false,
      errors: [{ path: '/vulnerabilityReasons', keyword: 'minItems' }],
    });
  });

  it('requires an override reason that is not blank', () => {
    const data = { ...exampleEventData('EligibilityOverridden', 1), reason: '   ' };
    expect(validateEventData('EligibilityOverridden', 1, data)).toMatchObject({
      ok: false,
      errors: [{ path: '/reason' }],
    });
  });

  it('throws for an event type or version the catalogue does not have', () => {
    expect(() => validateEventData('ResidentDeleted', 1, {})).toThrow(UnknownEventTypeError);
    expect(() => validateEventData('CaseSubmitted', 0, {})).toThrow(UnknownSchemaVersionError);
  });
});

describe('envelope validation', () => {
  it('accepts the example metadata and rejects an actor without a kind', () => {
    const metadata = readExample(eventMetadataSchema.$id);
    expect(validateEventMetadata(metadata)).toEqual({ ok: true });
    expect(validateEventMetadata({ ...metadata, actor: 'eligibility' })).toMatchObject({
      ok: false,
      errors: [{ path: '/actor', keyword: 'pattern' }],
    });
  });

  it('accepts the example Kafka headers and rejects a wrong spec version or a missing subject', () => {
    const headers = readExample(cloudEventsKafkaHeadersSchema.$id);
    expect(validateCloudEventsKafkaHeaders(headers)).toEqual({ ok: true });
    const broken: Record<string, unknown> = { ...headers, ce_specversion: '0.3' };
    delete broken.ce_subject;
    expect(validateCloudEventsKafkaHeaders(broken)).toMatchObject({
      ok: false,
      errors: [
        { path: '/ce_specversion', keyword: 'const' },
        { path: '/ce_subject', keyword: 'required' },
      ],
    });
  });
});
