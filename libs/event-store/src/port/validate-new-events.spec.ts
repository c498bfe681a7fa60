import { canonicalJson } from '../chain/hash-chain';
import { newResident } from '../contract/fixtures';
import type { NewEvent } from './event-store';
import { InvalidEventError } from './errors';
import { prepareNewEvents, validateNewEvents } from './validate-new-events';

/**
 * The gate's rules, and its words: every error message below is the one the gate gave before it
 * made the stored form with storedJson instead of a JSON round trip (the contract suite and
 * callers compare them).
 */

/** What an append ends in: the events as the store keeps them, or the error it refuses them with. */
type Outcome =
  | {
      stored: {
        id: string;
        type: string;
        schemaVersion: number;
        data: unknown;
        metadata: unknown;
      }[];
    }
  | { refused: string; message: string };

function outcome(
  append: () => {
    id: string;
    type: string;
    schemaVersion: number;
    data: unknown;
    metadata: unknown;
  }[],
): Outcome {
  try {
    return {
      stored: append().map(({ id, type, schemaVersion, data, metadata }) => ({
        id,
        type,
        schemaVersion,
        data,
        metadata,
      })),
    };
  } catch (error) {
    return { refused: (error as Error).constructor.name, message: (error as Error).message };
  }
}

type Loose = Record<string, unknown> & { metadata: Record<string, unknown> };

const resident = newResident();
const stream = resident.stream('intake');

/** A batch of three valid events, then `change` made to it. */
function batch(change: (events: Loose[]) => void = () => undefined): Loose[] {
  const events = resident.events(3) as unknown as Loose[];
  change(events);
  return events;
}

const cyclic: Record<string, unknown> = {};
cyclic['self'] = cyclic;

const batches: [string, unknown, unknown][] = [
  ['valid events', stream, batch()],
  [
    'valid events with every optional field and JSON corners',
    stream,
    batch(([event]) => {
      event['id'] = (event['id'] as string).toUpperCase();
      event.metadata['caseId'] = 'case-1';
      event.metadata['causationId'] = 'cause-1';
      event.metadata['occurredAt'] = '2025-03-14T15:30+07:00';
      event['data'] = {
        z: new Date(0),
        a: [undefined, -0, NaN, 1e21],
        gone: undefined,
        nested: { y: 'ü', x: { '10': 1, '9': 2 } },
      };
    }),
  ],
  ['events on a stream that is no resident’s', 'audit-trail', batch()],
  ['a stream name of 200 characters', 'x'.repeat(200), batch()],
  ['a stream name of 201 characters', 'x'.repeat(201), batch()],
  ['an empty stream name', '', batch()],
  ['a stream name that is not a string', 42, batch()],
  ['a $ stream', '$all', batch()],
  ['a stream name with a space', 'intake- x', batch()],
  ['a stream name with a control character', 'intake-\u0007', batch()],
  ['no events', stream, []],
  ['events that are not an array', stream, { 0: batch()[0], length: 1 }],
  ['an event that is null', stream, batch((events) => (events[1] = null as unknown as Loose))],
  ['an event that is an array', stream, batch((events) => (events[1] = [] as unknown as Loose))],
  ['no id', stream, batch(([, event]) => delete event['id'])],
  ['an id that is not a UUID', stream, batch(([, event]) => (event['id'] = 'event-1'))],
  ['a number for id', stream, batch(([, event]) => (event['id'] = 7))],
  ['no type', stream, batch(([, event]) => delete event['type'])],
  ['a blank type', stream, batch(([, event]) => (event['type'] = ' \t'))],
  ['schemaVersion 0', stream, batch(([, event]) => (event['schemaVersion'] = 0))],
  ['schemaVersion 1.5', stream, batch(([, event]) => (event['schemaVersion'] = 1.5))],
  ['schemaVersion "1"', stream, batch(([, event]) => (event['schemaVersion'] = '1'))],
  ['no data', stream, batch(([, event]) => delete event['data'])],
  ['data that is an array', stream, batch(([, event]) => (event['data'] = ['PKH']))],
  ['data that is a Date', stream, batch(([, event]) => (event['data'] = new Date()))],
  ['data with a BigInt', stream, batch(([, event]) => (event['data'] = { amount: 1n }))],
  ['data with a cycle', stream, batch(([, event]) => (event['data'] = cyclic))],
  ['no metadata', stream, batch(([, event]) => delete (event as Partial<Loose>).metadata)],
  [
    'metadata that is an array',
    stream,
    batch(([, event]) => (event.metadata = [] as unknown as Loose['metadata'])),
  ],
  ['no metadata.residentId', stream, batch(([, event]) => delete event.metadata['residentId'])],
  [
    'another resident',
    stream,
    batch(([, event]) => (event.metadata['residentId'] = 'someone-else')),
  ],
  [
    'no metadata.correlationId',
    stream,
    batch(([, event]) => delete event.metadata['correlationId']),
  ],
  ['a blank metadata.actor', stream, batch(([, event]) => (event.metadata['actor'] = '  '))],
  ['no metadata.occurredAt', stream, batch(([, event]) => delete event.metadata['occurredAt'])],
  [
    'an occurredAt that is no instant',
    stream,
    batch(([, event]) => (event.metadata['occurredAt'] = 'kemarin sore')),
  ],
  [
    'an occurredAt without a zone',
    stream,
    batch(([, event]) => (event.metadata['occurredAt'] = '2025-03-14T08:30:00')),
  ],
  [
    'an occurredAt on no day',
    stream,
    batch(([, event]) => (event.metadata['occurredAt'] = '2025-13-45T08:30:00Z')),
  ],
  ['an empty causationId', stream, batch(([, event]) => (event.metadata['causationId'] = ''))],
  ['a caseId that is a number', stream, batch(([, event]) => (event.metadata['caseId'] = 42))],
  ['metadata with a BigInt', stream, batch(([, event]) => (event.metadata['extra'] = 1n))],
  ['one id twice', stream, batch(([first, second]) => (second['id'] = first['id']))],
  [
    'one id twice, in two cases',
    stream,
    batch(([first, second]) => (second['id'] = (first['id'] as string).toUpperCase())),
  ],
  [
    'several faults, the first in an earlier event',
    stream,
    batch(([first, , third]) => {
      first['data'] = { amount: 1n };
      third['id'] = 'event-3';
    }),
  ],
  [
    'several faults in one event',
    stream,
    batch(([, event]) => {
      event['data'] = { amount: 1n };
      event.metadata['actor'] = '';
    }),
  ],
];

/** The message each batch is refused with (stream and event ids written <stream> and <id>); undefined: stored. */
const REFUSALS: Record<string, string | undefined> = {
  'valid events': undefined,
  'valid events with every optional field and JSON corners': undefined,
  'events on a stream that is no resident’s': undefined,
  'a stream name of 200 characters': undefined,
  'a stream name of 201 characters':
    'A stream name is a non-empty string of at most 200 characters.',
  'an empty stream name': 'A stream name is a non-empty string of at most 200 characters.',
  'a stream name that is not a string':
    'A stream name is a non-empty string of at most 200 characters.',
  'a $ stream': 'Stream name "$all" starts with $ or contains whitespace.',
  'a stream name with a space': 'Stream name "intake- x" starts with $ or contains whitespace.',
  'a stream name with a control character':
    'Stream name "intake-\\u0007" starts with $ or contains whitespace.',
  'no events': 'Stream <stream>: an append needs at least one event.',
  'events that are not an array': 'Stream <stream>: an append needs at least one event.',
  'an event that is null': 'Stream <stream>, event 1: not an event object.',
  'an event that is an array': 'Stream <stream>, event 1: not an event object.',
  'no id': 'Stream <stream>, event 1: id must be a UUID, got undefined.',
  'an id that is not a UUID': 'Stream <stream>, event 1: id must be a UUID, got "event-1".',
  'a number for id': 'Stream <stream>, event 1: id must be a UUID, got 7.',
  'no type': 'Stream <stream>, event 1 (<id>): type is missing.',
  'a blank type': 'Stream <stream>, event 1 (<id>): type is missing.',
  'schemaVersion 0': 'Stream <stream>, event 1 (<id>): schemaVersion must be a positive integer.',
  'schemaVersion 1.5': 'Stream <stream>, event 1 (<id>): schemaVersion must be a positive integer.',
  'schemaVersion "1"': 'Stream <stream>, event 1 (<id>): schemaVersion must be a positive integer.',
  'no data': 'Stream <stream>, event 1 (<id>): data must be a JSON object.',
  'data that is an array': 'Stream <stream>, event 1 (<id>): data must be a JSON object.',
  'data that is a Date': 'Stream <stream>, event 1 (<id>): data must be a JSON object.',
  'data with a BigInt':
    'Stream <stream>, event 1 (<id>) data is not serialisable as JSON: Do not know how to serialize a BigInt',
  'data with a cycle':
    "Stream <stream>, event 1 (<id>) data is not serialisable as JSON: Converting circular structure to JSON\n    --> starting at object with constructor 'Object'\n    --- property 'self' closes the circle",
  'no metadata': 'Stream <stream>, event 1 (<id>): metadata is missing.',
  'metadata that is an array': 'Stream <stream>, event 1 (<id>): metadata is missing.',
  'no metadata.residentId': 'Stream <stream>, event 1 (<id>): metadata.residentId is missing.',
  'another resident':
    'Stream <stream>, event 1 (<id>): metadata.residentId someone-else does not match the resident of stream <stream>.',
  'no metadata.correlationId':
    'Stream <stream>, event 1 (<id>): metadata.correlationId is missing.',
  'a blank metadata.actor': 'Stream <stream>, event 1 (<id>): metadata.actor is missing.',
  'no metadata.occurredAt': 'Stream <stream>, event 1 (<id>): metadata.occurredAt is missing.',
  'an occurredAt that is no instant':
    'Stream <stream>, event 1 (<id>): metadata.occurredAt must be an ISO-8601 instant with a time zone.',
  'an occurredAt without a zone':
    'Stream <stream>, event 1 (<id>): metadata.occurredAt must be an ISO-8601 instant with a time zone.',
  'an occurredAt on no day':
    'Stream <stream>, event 1 (<id>): metadata.occurredAt must be an ISO-8601 instant with a time zone.',
  'an empty causationId':
    'Stream <stream>, event 1 (<id>): metadata.causationId, when present, is a non-empty string.',
  'a caseId that is a number':
    'Stream <stream>, event 1 (<id>): metadata.caseId, when present, is a non-empty string.',
  'metadata with a BigInt':
    'Stream <stream>, event 1 (<id>) metadata is not serialisable as JSON: Do not know how to serialize a BigInt',
  'one id twice': 'Stream <stream>: event id <id> appears twice in one batch.',
  'one id twice, in two cases': 'Stream <stream>: event id <id> appears twice in one batch.',
  'several faults, the first in an earlier event':
    'Stream <stream>, event 0 (<id>) data is not serialisable as JSON: Do not know how to serialize a BigInt',
  'several faults in one event': 'Stream <stream>, event 1 (<id>): metadata.actor is missing.',
};

/** A message with the resident stream's name and the UUIDs in it written as <stream> and <id>. */
function general(message: string): string {
  return message
    .split(stream)
    .join('<stream>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>');
}

/** What the gate stores: the id in lower case, data and metadata as a JSON round trip gives them. */
function roundTrip(events: NewEvent[]): Outcome {
  return {
    stored: events.map(({ id, type, schemaVersion, data, metadata }) => ({
      id: id.toLowerCase(),
      type,
      schemaVersion,
      data: JSON.parse(JSON.stringify(data)) as unknown,
      metadata: JSON.parse(JSON.stringify(metadata)) as unknown,
    })),
  };
}

describe('prepareNewEvents', () => {
  it('has an expected outcome for every batch', () => {
    expect(Object.keys(REFUSALS).sort()).toEqual(batches.map(([name]) => name).sort());
  });

  it.each(batches)('refuses or stores %s as the gate always has', (name, streamName, events) => {
    const prepared = outcome(() => prepareNewEvents(streamName as string, events as NewEvent[]));
    const refusal = REFUSALS[name];
    if (refusal === undefined) {
      expect(prepared).toStrictEqual(roundTrip(events as NewEvent[]));
    } else {
      expect('refused' in prepared && prepared.refused).toBe(InvalidEventError.name);
      expect('message' in prepared && general(prepared.message)).toBe(refusal);
    }
  });

  it.each(batches)('is what validateNewEvents does with %s', (_, streamName, events) => {
    const asGiven = () => events as NewEvent[];
    const gate = outcome(() => validateNewEvents(streamName as string, asGiven()));
    const prepared = outcome(() => prepareNewEvents(streamName as string, asGiven()));
    expect(prepared).toStrictEqual(gate);
  });

  it.each(batches.filter(([name]) => name.startsWith('valid')))(
    'gives the canonical text of the stored data and metadata, for %s',
    (_, streamName, events) => {
      const prepared = prepareNewEvents(streamName as string, events as NewEvent[]);
      const stored = roundTrip(events as NewEvent[]);
      if (!('stored' in stored)) throw new Error('unreachable');
      expect(prepared.map((event) => event.dataJson)).toEqual(
        stored.stored.map((event) => canonicalJson(event.data)),
      );
      expect(prepared.map((event) => event.metadataJson)).toEqual(
        stored.stored.map((event) => canonicalJson(event.metadata)),
      );
      expect(prepared.map((event) => JSON.parse(event.dataJson) as unknown)).toStrictEqual(
        prepared.map((event) => event.data),
      );
    },
  );
});
