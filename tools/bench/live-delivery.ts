/**
 * PostgreSQL live-delivery benchmark (not a test: nothing here asserts a time).
 *   npm run bench:live-delivery
 * One store instance appends one event at a time at a steady rate; a catch-up subscription on
 * another instance (another connection pool and LISTEN connection, as in distributed mode)
 * receives them. Prints append → delivery latency percentiles. An event that waited for the
 * poll instead of LISTEN/NOTIFY shows as a latency near the poll interval.
 * Settings (--events=… or BENCH_EVENTS=…, see bench-measure.ts): events (2000), rate (200 events/s),
 * poll (250 ms, the store's default); POSTGRES_URL or the local server of infra/local.
 */
import { PostgresEventStore } from '@lastri/event-store/src/adapters/postgres/postgres-event-store';
import { residentStreamName } from '@lastri/contracts';
import { newId } from '@lastri/kernel';
import { scratchPostgresDatabase } from '@lastri/testing';
import { performance } from 'node:perf_hooks';
import 'reflect-metadata';

import { formatMs, integerSetting, percentile, renderTable } from './bench-measure';

async function main(): Promise<void> {
  const events = integerSetting('events', 2000);
  const rate = integerSetting('rate', 200);
  const pollIntervalMs = integerSetting('poll', 250);
  const database = await scratchPostgresDatabase('bench_live');
  const writer = await PostgresEventStore.connect(database.url, { pollIntervalMs });
  const reader = await PostgresEventStore.connect(database.url, { pollIntervalMs });
  const appendedAt = new Map<string, number>();
  const latencies: number[] = [];
  let allDelivered!: () => void;
  const done = new Promise<void>((resolve) => (allDelivered = resolve));
  const subscription = reader.subscribe(`bench-live-${newId()}`, async (event) => {
    const started = appendedAt.get(event.id);
    if (started === undefined) return;
    latencies.push(performance.now() - started);
    if (latencies.length === events) allDelivered();
  });
  try {
    await subscription.caughtUp;
    await new Promise((resolve) => setTimeout(resolve, 300)); // the LISTEN connection comes up
    const intervalMs = 1000 / rate;
    const start = performance.now();
    const appends: Promise<unknown>[] = [];
    for (let index = 0; index < events; index++) {
      const due = start + index * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const residentId = newId();
      const id = newId();
      appendedAt.set(id, performance.now());
      appends.push(
        writer.append(
          residentStreamName('intake', residentId),
          [
            {
              id,
              type: 'BenchEventRecorded',
              schemaVersion: 1,
              data: { index },
              metadata: {
                residentId,
                correlationId: newId(),
                actor: 'service:bench',
                occurredAt: new Date().toISOString(),
              },
            },
          ],
          'no-stream',
        ),
      );
    }
    await Promise.all(appends);
    await done;
    const overPoll = latencies.filter((ms) => ms >= pollIntervalMs * 0.8).length;
    console.log(
      `PostgreSQL live delivery: ${events} events at ${rate}/s, poll interval ${pollIntervalMs} ms, writer and reader on separate instances\n`,
    );
    console.log(
      renderTable(
        [['append → delivery', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', `≥ 80% of poll`]],
        [
          [
            'catch-up subscription',
            formatMs(percentile(latencies, 50)),
            formatMs(percentile(latencies, 95)),
            formatMs(percentile(latencies, 99)),
            formatMs(Math.max(...latencies)),
            String(overPoll),
          ],
        ],
      ),
    );
  } finally {
    await subscription.stop();
    await reader.close();
    await writer.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
