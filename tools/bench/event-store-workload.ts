/**
 * The event store benchmark's workloads, built once and replayed unchanged against every store
 * (the LASTRI adapter, the raw driver, Emmett): the same events, the same writers, the same
 * streams and expected versions. Each writer owns its streams, so no append conflicts; a
 * conflict or any other failure ends the run.
 */
import { randomUUID } from 'node:crypto';

import type { EventStore, GlobalPosition, NewEvent } from '@lastri/event-store';
import { createEventStore, RESIDENT_STREAM_CONTEXTS, residentStream, START } from '@lastri/event-store';

import { percentile, timeMs } from './bench-measure';

/** One append call: its expected version is the version of the stream's last event, or 'no-stream'. */
export interface AppendOp {
  stream: string;
  events: NewEvent[];
  expected: number | 'no-stream';
}

export type AppendWorkloadKey = 'single-1' | 'single-n' | 'batch-1' | 'batch-n';

export interface AppendWorkload {
  key: AppendWorkloadKey;
  eventsPerAppend: number;
  /** One list of appends per concurrent writer, each replayed in order. */
  warmup: AppendOp[][];
  measured: AppendOp[][];
}

/** What the benchmark needs of a store: implemented for each adapter, raw driver and Emmett. */
export interface BenchTarget {
  readonly label: string;
  append(op: AppendOp): Promise<void>;
  /** Reads the whole log in global order, `pageSize` events a call; answers how many it read. */
  readAll(pageSize: number): Promise<number>;
  /** The resident's events of all four context streams in global order; answers how many. */
  residentHistory(residentId: string): Promise<number>;
  /** Anything the run showed that the numbers alone do not (retries, say). */
  notes?(): string[];
  close(): Promise<void>;
}

/** A LASTRI store as the services open it: createEventStore(EVENT_STORE_URL), default settings. */
export async function openLastriStore(label: string, url: string): Promise<BenchTarget> {
  const store: EventStore = await createEventStore(url);
  return {
    label,
    append: async (op) => {
      await store.append(op.stream, op.events, op.expected);
    },
    readAll: async (pageSize) => {
      let read = 0;
      let from: GlobalPosition = START;
      for (;;) {
        const page = await store.readAll(from, pageSize);
        read += page.length;
        if (page.length < pageSize) return read;
        from = page[page.length - 1].globalPosition;
      }
    },
    residentHistory: async (residentId) => (await store.readResidentHistory(residentId)).length,
    close: () => store.close(),
  };
}

/** A store that could not be set up (a package not installed, say), with the reason. */
export interface UnavailableTarget {
  readonly label: string;
  readonly unavailable: string;
}

export interface WorkloadSettings {
  singleAppends: number;
  batchAppends: number;
  batchSize: number;
  warmupAppends: number;
  concurrentWriters: number;
  streamsPerWriter: number;
  eventBytes: number;
}

export const APPEND_WORKLOAD_KEYS: readonly AppendWorkloadKey[] = [
  'single-1',
  'single-n',
  'batch-1',
  'batch-n',
];

export function planAppendWorkloads(settings: WorkloadSettings): AppendWorkload[] {
  const shapes: { key: AppendWorkloadKey; eventsPerAppend: number; appends: number; writers: number }[] = [
    { key: 'single-1', eventsPerAppend: 1, appends: settings.singleAppends, writers: 1 },
    { key: 'single-n', eventsPerAppend: 1, appends: settings.singleAppends, writers: settings.concurrentWriters },
    { key: 'batch-1', eventsPerAppend: settings.batchSize, appends: settings.batchAppends, writers: 1 },
    { key: 'batch-n', eventsPerAppend: settings.batchSize, appends: settings.batchAppends, writers: settings.concurrentWriters },
  ];
  return shapes.map(({ key, eventsPerAppend, appends, writers }) => ({
    key,
    eventsPerAppend,
    warmup: planWriters(writers, settings.warmupAppends, eventsPerAppend, settings),
    measured: planWriters(writers, appends, eventsPerAppend, settings),
  }));
}

/**
 * `appends` appends shared out among `writers` writers. Each writer cycles through streams of
 * its own residents (all four contexts), as a service handling commands for many residents would.
 */
function planWriters(
  writers: number,
  appends: number,
  eventsPerAppend: number,
  settings: WorkloadSettings,
): AppendOp[][] {
  return Array.from({ length: writers }, (_, writer) => {
    const count = Math.floor(appends / writers) + (writer < appends % writers ? 1 : 0);
    const residents = Array.from(
      { length: Math.ceil(settings.streamsPerWriter / RESIDENT_STREAM_CONTEXTS.length) },
      () => new ResidentEvents(settings.eventBytes),
    );
    const streams = residents
      .flatMap((resident) => RESIDENT_STREAM_CONTEXTS.map((context) => ({ resident, context })))
      .slice(0, settings.streamsPerWriter);
    return Array.from({ length: count }, (_, index) => {
      const { resident, context } = streams[index % streams.length];
      return resident.append(context, eventsPerAppend);
    });
  });
}

/** The appends that give one resident `events` events, spread evenly over the four context streams. */
export function planResidentHistory(
  events: number,
  eventsPerAppend: number,
  eventBytes: number,
): { residentId: string; appends: AppendOp[] } {
  const resident = new ResidentEvents(eventBytes);
  const appends: AppendOp[] = [];
  for (let planned = 0; planned < events; planned += eventsPerAppend) {
    const context = RESIDENT_STREAM_CONTEXTS[appends.length % RESIDENT_STREAM_CONTEXTS.length];
    appends.push(resident.append(context, Math.min(eventsPerAppend, events - planned)));
  }
  return { residentId: resident.residentId, appends };
}

type Context = (typeof RESIDENT_STREAM_CONTEXTS)[number];

const EVENT_TYPES: Record<Context, string> = {
  intake: 'CaseSubmitted',
  eligibility: 'EligibilityDetermined',
  referral: 'ReferralIssued',
  notification: 'NotificationSent',
};

const KELURAHAN = ['Bugul Kidul', 'Kebonsari', 'Purworejo', 'Gadingrejo', 'Karangketug', 'Panggungrejo'];

/** One resident's streams and the versions planned for them so far. */
class ResidentEvents {
  readonly residentId = randomUUID();
  private readonly caseId = randomUUID();
  private readonly versions = new Map<Context, number>();
  private sequence = 0;

  constructor(private readonly eventBytes: number) {}

  append(context: Context, count: number): AppendOp {
    const stream = residentStream(context, this.residentId);
    const last = this.versions.get(context);
    this.versions.set(context, (last ?? -1) + count);
    return {
      stream,
      expected: last ?? 'no-stream',
      events: Array.from({ length: count }, () => this.event(context)),
    };
  }

  private event(context: Context): NewEvent {
    const sequence = this.sequence++;
    return {
      id: randomUUID(),
      type: EVENT_TYPES[context],
      schemaVersion: 1,
      data: padded(
        {
          caseId: this.caseId,
          sequence,
          nik: `357501${String(100_000_0000 + sequence).slice(-10)}`,
          noKk: `357501${String(200_000_0000 + sequence).slice(-10)}`,
          fullName: 'Siti Aminah binti Abdullah',
          birthDate: '1984-07-12',
          address: {
            street: 'Jl. Hayam Wuruk No. 17',
            rt: '003',
            rw: '005',
            kelurahan: KELURAHAN[sequence % KELURAHAN.length],
            kecamatan: 'Gadingrejo',
            city: 'Kota Pasuruan',
          },
          household: [
            { name: 'Abdullah', relation: 'kepala keluarga', birthDate: '1979-02-03', occupation: 'buruh harian' },
            { name: 'Nur Aini', relation: 'anak', birthDate: '2009-11-21', occupation: 'pelajar' },
          ],
          programme: 'PKH',
          desil: 1 + (sequence % 4),
          pilarSosial: ['pendidikan', 'kesehatan'],
        },
        this.eventBytes,
      ),
      metadata: {
        residentId: this.residentId,
        caseId: this.caseId,
        correlationId: randomUUID(),
        causationId: randomUUID(),
        actor: `caseworker:${this.residentId.slice(0, 8)}`,
        occurredAt: new Date(Date.UTC(2025, 2, 14, 8, 30) + sequence * 1000).toISOString(),
      },
    };
  }
}

/** `data` with a free-text note that brings its JSON to about `bytes` bytes. */
function padded(data: Record<string, unknown>, bytes: number): Record<string, unknown> {
  const note = 'Warga datang ke kantor kelurahan dengan surat pengantar RT/RW; dokumen lengkap. ';
  const missing = bytes - JSON.stringify({ ...data, notes: '' }).length;
  return { ...data, notes: missing > 0 ? note.repeat(Math.ceil(missing / note.length)).slice(0, missing) : '' };
}

export function eventsIn(writers: AppendOp[][]): number {
  return writers.reduce((sum, ops) => sum + ops.reduce((n, op) => n + op.events.length, 0), 0);
}

/** Replays each writer's appends in order, all writers at once; answers the wall time in ms. */
export function replay(target: BenchTarget, writers: AppendOp[][]): Promise<number> {
  return timeMs(() =>
    Promise.all(
      writers.map(async (ops) => {
        for (const op of ops) await target.append(op);
      }),
    ),
  );
}

export interface AppendMeasurement {
  appendsPerSecond: number;
  /** CPU time of this process per append, µs: the driver and everything above it. */
  clientCpuUs: number;
  /** CPU time of the database server's processes per append, µs; undefined where not measured. */
  serverCpuUs: number | undefined;
}

/**
 * Appends per second over the measured appends, after the warm-up, and the CPU they took: on a
 * machine that others share, CPU per append varies far less than appends per second.
 */
export async function measureAppends(
  target: BenchTarget,
  workload: AppendWorkload,
  serverCpuMs: () => Promise<number | undefined> = async () => undefined,
): Promise<AppendMeasurement> {
  await replay(target, workload.warmup);
  const appends = workload.measured.reduce((sum, ops) => sum + ops.length, 0);
  const serverBefore = await serverCpuMs();
  const clientBefore = process.cpuUsage();
  const ms = await replay(target, workload.measured);
  const client = process.cpuUsage(clientBefore);
  const serverAfter = await serverCpuMs();
  return {
    appendsPerSecond: appends / (ms / 1000),
    clientCpuUs: (client.user + client.system) / appends,
    serverCpuUs:
      serverBefore === undefined || serverAfter === undefined
        ? undefined
        : ((serverAfter - serverBefore) * 1000) / appends,
  };
}

export interface ReadAllMeasurement {
  eventsPerSecond: number;
  events: number;
}

/** One untimed pass over the log (warming caches), then a timed one. */
export async function measureReadAll(target: BenchTarget, pageSize: number): Promise<ReadAllMeasurement> {
  await target.readAll(pageSize);
  let events = 0;
  const ms = await timeMs(async () => {
    events = await target.readAll(pageSize);
  });
  return { eventsPerSecond: events / (ms / 1000), events };
}

export interface HistoryMeasurement {
  p50Ms: number;
  p99Ms: number;
  events: number;
}

/** Latency of one resident-history read, `reads` times after `warmupReads` untimed ones. */
export async function measureHistory(
  target: BenchTarget,
  residentId: string,
  reads: number,
  warmupReads: number,
): Promise<HistoryMeasurement> {
  let events = 0;
  for (let read = 0; read < warmupReads; read++) events = await target.residentHistory(residentId);
  const samples: number[] = [];
  for (let read = 0; read < reads; read++) {
    samples.push(
      await timeMs(async () => {
        events = await target.residentHistory(residentId);
      }),
    );
  }
  return { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), events };
}
