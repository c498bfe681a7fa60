import { canonicalJson } from '../../chain/hash-chain';
import { newResident } from '../../contract/fixtures';
import type { NewEvent } from '../../port/event-store';
import { validateNewEvents } from '../../port/validate-new-events';
import { eventsToStore } from './sqlite-new-events';

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

describe('eventsToStore', () => {
  it.each(batches)('does what validateNewEvents does with %s', (_, streamName, events) => {
    const asGiven = () => events as NewEvent[];
    const gate = outcome(() => validateNewEvents(streamName as string, asGiven()));
    const here = outcome(() => eventsToStore(streamName as string, asGiven()));
    expect(here).toStrictEqual(gate);
  });

  it.each(batches.filter(([name]) => name.startsWith('valid')))(
    'stores the canonical text of what validateNewEvents returns, for %s',
    (_, streamName, events) => {
      const gate = validateNewEvents(streamName as string, events as NewEvent[]);
      const here = eventsToStore(streamName as string, events as NewEvent[]);
      expect(here.map((event) => event.dataJson)).toEqual(
        gate.map((event) => canonicalJson(event.data)),
      );
      expect(here.map((event) => event.metadataJson)).toEqual(
        gate.map((event) => canonicalJson(event.metadata)),
      );
    },
  );
});
