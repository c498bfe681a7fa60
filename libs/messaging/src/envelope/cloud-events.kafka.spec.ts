import { validateCloudEventsKafkaHeaders, validateEventData } from '@lastri/contracts';
import { newId } from '@lastri/kernel';
import { CloudEvent, Kafka } from 'cloudevents';

import { caseOpened, storedEvent } from '../testing/intake-events.fixture';
import { fromKafkaRecord, toKafkaRecord } from './cloud-events.kafka';
import { MalformedEnvelopeError } from './envelope-errors';

const asKafkaDelivers = (record: ReturnType<typeof toKafkaRecord>) => ({
  key: Buffer.from(record.key),
  value: Buffer.from(record.value),
  headers: Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value)])),
});

describe('CloudEvents in Kafka binary mode', () => {
  const residentId = newId();
  const causationId = newId();
  const event = storedEvent(caseOpened(residentId, { sequence: 7, causationId, occurredAt: '2025-11-10T09:05:00.123+07:00' }));

  it('puts the resident in the key, the data as JSON in the value, and exactly the contract headers', () => {
    const record = toKafkaRecord(event);

    expect(validateEventData(event.type, 1, event.data)).toEqual({ ok: true });
    expect(record.key).toBe(residentId);
    expect(JSON.parse(record.value)).toEqual(event.data);
    expect(record.headers).toEqual({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: 'CaseOpened',
      ce_source: '/lastri/intake',
      ce_subject: residentId,
      ce_time: '2025-11-10T09:05:00.123+07:00',
      ce_dataschema: 'https://lastri.pasuruankota.go.id/contracts/events/intake/case-opened.v1.schema.json',
      ce_correlationid: event.metadata.correlationId,
      ce_causationid: causationId,
    });
    expect(validateCloudEventsKafkaHeaders(record.headers)).toEqual({ ok: true });
  });

  it("encodes exactly as the CloudEvents SDK's Kafka binding does in binary mode", () => {
    const sdk = Kafka.binary(
      new CloudEvent({
        specversion: '1.0',
        id: event.id,
        type: event.type,
        source: '/lastri/intake',
        subject: residentId,
        time: event.metadata.occurredAt,
        datacontenttype: 'application/json',
        dataschema: 'https://lastri.pasuruankota.go.id/contracts/events/intake/case-opened.v1.schema.json',
        correlationid: event.metadata.correlationId,
        causationid: causationId,
        data: event.data,
      }),
    );
    // The SDK also repeats datacontenttype as ce_datacontenttype, which binary mode maps to content-type only.
    const sdkHeaders = Object.fromEntries(
      Object.entries(sdk.headers).filter(([name, value]) => value !== undefined && name !== 'ce_datacontenttype'),
    );

    expect(toKafkaRecord(event).headers).toEqual(sdkHeaders);
    expect(JSON.parse(toKafkaRecord(event).value)).toEqual(sdk.value);
  });

  it('reads back the envelope a handler receives, unchanged, from the bytes Kafka delivers', () => {
    expect(fromKafkaRecord(asKafkaDelivers(toKafkaRecord(event)))).toEqual({
      id: event.id,
      type: 'CaseOpened',
      schemaVersion: 1,
      source: '/lastri/intake',
      residentId,
      occurredAt: '2025-11-10T09:05:00.123+07:00',
      dataschema: 'https://lastri.pasuruankota.go.id/contracts/events/intake/case-opened.v1.schema.json',
      correlationId: event.metadata.correlationId,
      causationId,
      data: event.data,
    });
  });

  it('leaves out ce_causationid for an event a person caused', () => {
    const byPerson = storedEvent(caseOpened(residentId));
    const record = toKafkaRecord(byPerson);

    expect(record.headers).not.toHaveProperty('ce_causationid');
    expect(validateCloudEventsKafkaHeaders(record.headers)).toEqual({ ok: true });
    expect(fromKafkaRecord(record)).not.toHaveProperty('causationId');
  });

  it('refuses to encode an event type or version the catalogue does not describe', () => {
    expect(() => toKafkaRecord({ ...event, type: 'SomethingHappened' })).toThrow(MalformedEnvelopeError);
    expect(() => toKafkaRecord({ ...event, schemaVersion: 9 })).toThrow(MalformedEnvelopeError);
  });

  describe('refuses records that are not LASTRI CloudEvents', () => {
    const good = toKafkaRecord(event);
    const cases: [string, () => unknown, RegExp][] = [
      ['no CloudEvents headers', () => fromKafkaRecord({ key: residentId, value: good.value, headers: {} }), /ce_id/],
      ['a body that is not JSON', () => fromKafkaRecord({ ...good, value: 'not json' }), /readable CloudEvent/],
      ['a key that is not the resident', () => fromKafkaRecord({ ...good, key: newId() }), /not the resident/],
      [
        'a schema this build does not know',
        () => fromKafkaRecord({ ...good, headers: { ...good.headers, ce_dataschema: good.headers['ce_dataschema'].replace('v1', 'v9') } }),
        /names no schema/,
      ],
      [
        'a type that contradicts its schema',
        () => fromKafkaRecord({ ...good, headers: { ...good.headers, ce_type: 'CaseSubmitted' } }),
        /does not match/,
      ],
      [
        'no correlation id',
        () => {
          const { ce_correlationid: _omitted, ...headers } = good.headers;
          return fromKafkaRecord({ ...good, headers });
        },
        /ce_correlationid/,
      ],
    ];
    it.each(cases)('%s', (_label, decode, message) => {
      expect(decode).toThrow(MalformedEnvelopeError);
      expect(decode).toThrow(message);
    });
  });
});
