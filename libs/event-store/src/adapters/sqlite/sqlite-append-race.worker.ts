/**
 * A second writer for sqlite-event-store.spec.ts, on a thread of its own: better-sqlite3 is
 * synchronous, so two instances in one thread take turns and never truly race. Each worker
 * opens its own connection to the file and appends to one shared stream, re-reading the head
 * and retrying whenever another writer got there first. A start gate holds every writer until
 * all have opened their connection, so that they append at the same time rather than in turn.
 */
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

import { WrongExpectedVersionError } from '../../port/errors';
import type { NewEvent } from '../../port/event-store';
import { SqliteEventStore } from './sqlite-event-store';

export interface AppendRaceOrders {
  file: string;
  stream: string;
  residentId: string;
  writer: string;
  appends: number;
  /** One Int32 counting the writers that are ready; all start when it reaches `writers`. */
  startGate: SharedArrayBuffer;
  writers: number;
}

export interface AppendRaceReport {
  appendedIds: string[];
  conflicts: number;
}

async function race({
  file,
  stream,
  residentId,
  writer,
  appends,
  startGate,
  writers,
}: AppendRaceOrders): Promise<AppendRaceReport> {
  const store = await SqliteEventStore.open(file, { pollIntervalMs: 25 });
  waitForEveryWriter(new Int32Array(startGate), writers);
  const appendedIds: string[] = [];
  let conflicts = 0;
  try {
    while (appendedIds.length < appends) {
      const [head] = await store.readStream(stream, { direction: 'backwards', limit: 1 });
      const event: NewEvent = {
        id: randomUUID(),
        type: 'RaceEventAppended',
        schemaVersion: 1,
        data: { writer, sequence: appendedIds.length },
        metadata: {
          residentId,
          correlationId: randomUUID(),
          actor: `worker:${writer}`,
          occurredAt: new Date().toISOString(),
        },
      };
      try {
        await store.append(stream, [event], head ? head.streamVersion : 'no-stream');
        appendedIds.push(event.id);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        conflicts += 1;
      }
    }
    return { appendedIds, conflicts };
  } finally {
    await store.close();
  }
}

function waitForEveryWriter(gate: Int32Array, writers: number): void {
  Atomics.add(gate, 0, 1);
  Atomics.notify(gate, 0);
  for (let ready = Atomics.load(gate, 0); ready < writers; ready = Atomics.load(gate, 0)) {
    Atomics.wait(gate, 0, ready);
  }
}

// A failure rejects unhandled, which ends the worker with an 'error' event the test reports.
void race(workerData as AppendRaceOrders).then((report) => parentPort?.postMessage(report));
