/**
 * `npm run bench:event-store`: the event store adapters against the physical limit of their
 * driver and against Emmett's stores, on the same machine and server in the same run (issue 3,
 * Benchmark). For SQLite (a temporary file) and PostgreSQL (scratch databases, dropped after):
 * appends/s for 1-event appends and 10-event batches with 1 and 8 concurrent writers, readAll
 * events/s over the appended log, and resident-history latency for a 500-event resident.
 * The last line compares appends/s as ratios. It measures and prints; nothing asserts a timing.
 *
 * Settings, as `--name=value` or `BENCH_NAME=value` (defaults in readSettings): backends
 * (sqlite,postgres), single-appends, batch-appends, batch-size, writers, warmup-appends,
 * streams-per-writer, event-bytes, rounds, history-events, history-reads, history-warmup-reads,
 * read-page-size, step-timeout-s, sqlite-dir, emmett-postgresql-dir, emmett-sqlite-dir.
 * PostgreSQL comes from POSTGRES_URL or the local server (@lastri/testing starts it).
 */
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';

import { scratchPostgresDatabase } from '@lastri/testing';

import {
  formatMs,
  formatRate,
  formatRatio,
  geometricMean,
  integerSetting,
  listSetting,
  median,
  renderTable,
  textSetting,
} from './bench-measure';
import {
  EMMETT_SQLITE_SERIALISED_NOTE,
  emmettSqliteLibraryVersion,
  openEmmettPostgres,
  openEmmettSqlite,
  type EmmettVersions,
} from './event-store-emmett';
import { databaseCpuMeter, openRawPostgres, postgresServerFacts } from './event-store-postgres';
import { betterSqliteLibraryVersion, openRawSqlite } from './event-store-sqlite';
import {
  APPEND_WORKLOAD_KEYS,
  eventsIn,
  measureAppends,
  measureHistory,
  measureReadAll,
  openLastriStore,
  planAppendWorkloads,
  planResidentHistory,
  replay,
  type AppendWorkload,
  type AppendWorkloadKey,
  type BenchTarget,
  type HistoryMeasurement,
  type ReadAllMeasurement,
  type UnavailableTarget,
  type WorkloadSettings,
} from './event-store-workload';

type Backend = 'sqlite' | 'postgres';

interface Settings extends WorkloadSettings {
  backends: Backend[];
  rounds: number;
  historyEvents: number;
  historyReads: number;
  historyWarmupReads: number;
  readPageSize: number;
  stepTimeoutMs: number;
  sqliteDirectory: string;
}

function readSettings(): Settings {
  return {
    backends: listSetting<Backend>('backends', ['sqlite', 'postgres'], ['sqlite', 'postgres']),
    singleAppends: integerSetting('single-appends', 2_000),
    batchAppends: integerSetting('batch-appends', 500),
    batchSize: integerSetting('batch-size', 10),
    concurrentWriters: integerSetting('writers', 8),
    warmupAppends: integerSetting('warmup-appends', 300),
    streamsPerWriter: integerSetting('streams-per-writer', 20),
    eventBytes: integerSetting('event-bytes', 1_024),
    rounds: integerSetting('rounds', 3),
    historyEvents: integerSetting('history-events', 500),
    historyReads: integerSetting('history-reads', 200),
    historyWarmupReads: integerSetting('history-warmup-reads', 20),
    readPageSize: integerSetting('read-page-size', 1_000),
    stepTimeoutMs: integerSetting('step-timeout-s', 300) * 1000,
    sqliteDirectory: textSetting('sqlite-dir') ?? tmpdir(),
  };
}

/** Undone in reverse order, once, also on Ctrl-C, so no temporary file or database is left. */
class Cleanup {
  private readonly steps: { what: string; undo: () => Promise<void> | void }[] = [];
  private running: Promise<void> | undefined;

  add(what: string, undo: () => Promise<void> | void): void {
    this.steps.push({ what, undo });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.undo();
        } catch (error) {
          process.stderr.write(`cleanup: could not ${step.what}: ${String(error)}\n`);
        }
      }
    })();
    return this.running;
  }
}

const WORKLOAD_HEADINGS: Record<AppendWorkloadKey, string> = {
  'single-1': '1 event ×1',
  'single-n': '1 event ×W',
  'batch-1': 'B events ×1',
  'batch-n': 'B events ×W',
};

interface TargetResult {
  label: string;
  settings: string;
  appendsPerSecond: Partial<Record<AppendWorkloadKey, number[]>>;
  /** CPU µs per append: this process, and the database server where measured. */
  clientCpuUs: Partial<Record<AppendWorkloadKey, number[]>>;
  serverCpuUs: Partial<Record<AppendWorkloadKey, number[]>>;
  readAll?: ReadAllMeasurement;
  history?: HistoryMeasurement;
  failure?: string;
  notes: () => string[];
}

interface BackendReport {
  backend: Backend;
  /** lastri ÷ raw and lastri ÷ Emmett, geometric mean over the append workloads. */
  versusRaw: number;
  versusEmmett: number;
}

/** A target to open, with what the table says about its settings. */
interface TargetSpec {
  settings: string;
  open(): Promise<BenchTarget | UnavailableTarget>;
  /** CPU ms its database server has used so far, where that can be read. */
  serverCpuMs?: () => Promise<number | undefined>;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
}

/**
 * Opens the targets, runs every append workload on each (rotating who goes first, so a drift
 * in the machine's load does not always favour the same one), then the reads.
 */
async function benchBackend(
  backend: Backend,
  specs: TargetSpec[],
  rounds: AppendWorkload[][],
  settings: Settings,
  cleanup: Cleanup,
): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  const open: {
    target: BenchTarget;
    result: TargetResult;
    serverCpuMs?: () => Promise<number | undefined>;
  }[] = [];
  for (const spec of specs) {
    const target = await spec.open();
    const result: TargetResult = {
      label: target.label,
      settings: spec.settings,
      appendsPerSecond: {},
      clientCpuUs: {},
      serverCpuUs: {},
      notes: () => ('unavailable' in target ? [] : (target.notes?.() ?? [])),
    };
    results.push(result);
    if ('unavailable' in target) {
      result.failure = `not available: ${target.unavailable}`;
      continue;
    }
    cleanup.add(`close ${target.label}`, () => target.close());
    open.push({ target, result, serverCpuMs: spec.serverCpuMs });
  }

  const step = async (entry: (typeof open)[number], what: string, work: () => Promise<void>) => {
    if (entry.result.failure) return;
    try {
      await withDeadline(work(), settings.stepTimeoutMs, `${entry.target.label}: ${what}`);
    } catch (error) {
      entry.result.failure = `failed during ${what}: ${describeError(error)}`;
      log(`[${backend}] ${entry.target.label}: ${entry.result.failure}`);
    }
  };

  for (const [round, workloads] of rounds.entries()) {
    for (const [index, workload] of workloads.entries()) {
      const shift = (index + round) % Math.max(open.length, 1);
      for (const entry of [...open.slice(shift), ...open.slice(0, shift)]) {
        await step(entry, workload.key, async () => {
          const measured = await measureAppends(entry.target, workload, entry.serverCpuMs);
          const { result } = entry;
          (result.appendsPerSecond[workload.key] ??= []).push(measured.appendsPerSecond);
          (result.clientCpuUs[workload.key] ??= []).push(measured.clientCpuUs);
          if (measured.serverCpuUs !== undefined) {
            (result.serverCpuUs[workload.key] ??= []).push(measured.serverCpuUs);
          }
          log(
            `[${backend}] round ${round + 1} ${workload.key} ${entry.target.label}: ` +
              `${formatRate(measured.appendsPerSecond)} appends/s, CPU ${formatRate(measured.clientCpuUs)} µs` +
              (measured.serverCpuUs === undefined ? '' : ` + server ${formatRate(measured.serverCpuUs)} µs`) +
              ' per append',
          );
        });
      }
    }
  }

  const history = planResidentHistory(settings.historyEvents, settings.batchSize, settings.eventBytes);
  for (const entry of open) {
    await step(entry, 'resident history', async () => {
      await replay(entry.target, [history.appends]);
      entry.result.history = await measureHistory(
        entry.target,
        history.residentId,
        settings.historyReads,
        settings.historyWarmupReads,
      );
    });
    await step(entry, 'readAll', async () => {
      entry.result.readAll = await measureReadAll(entry.target, settings.readPageSize);
      log(`[${backend}] readAll ${entry.target.label}: ${formatRate(entry.result.readAll.eventsPerSecond)} events/s`);
    });
  }
  return results;
}

/** Median appends/s of a workload. */
function throughput(result: TargetResult, key: AppendWorkloadKey): number {
  return median(result.appendsPerSecond[key] ?? []);
}

/** Median CPU µs per append, this process and the server together (NaN when not measured). */
function cpuPerAppend(result: TargetResult, key: AppendWorkloadKey): number {
  const server = result.serverCpuUs[key];
  return median(result.clientCpuUs[key] ?? []) + (server ? median(server) : 0);
}

/** `better(lastri, other)` per workload and its geometric mean; above 1 means the adapter does better. */
function appendRatios(
  lastri: TargetResult,
  other: TargetResult,
  better: (lastri: number, other: number) => number,
  metric: (result: TargetResult, key: AppendWorkloadKey) => number,
): { perWorkload: number[]; mean: number } {
  const perWorkload = APPEND_WORKLOAD_KEYS.map((key) => better(metric(lastri, key), metric(other, key)));
  return { perWorkload, mean: geometricMean(perWorkload) };
}

const higherIsBetter = (lastri: number, other: number) => lastri / other;
const lowerIsBetter = (lastri: number, other: number) => other / lastri;

function printBackend(
  title: string,
  facts: string[],
  results: TargetResult[],
  settings: Settings,
  extraNotes: string[],
  totalEvents: number,
): { versusRaw: number; versusEmmett: number } {
  const [lastri, raw, emmett] = results;
  // The adapter failing is a finding, not a measurement: the run says so in its exit code.
  if (lastri.failure) process.exitCode = 1;
  const heading = (key: AppendWorkloadKey) =>
    WORKLOAD_HEADINGS[key].replace('W', String(settings.concurrentWriters)).replace('B', String(settings.batchSize));
  const header = [
    ['', 'appends/s', '', '', '', 'readAll', 'resident history', ''],
    ['store', ...APPEND_WORKLOAD_KEYS.map(heading), 'events/s', 'p50 ms', 'p99 ms'],
  ];
  const rows = results.map((result) => {
    if (result.failure && Object.keys(result.appendsPerSecond).length === 0) {
      return [result.label, result.failure.startsWith('not available') ? 'not available' : 'failed'];
    }
    return [
      result.label,
      ...APPEND_WORKLOAD_KEYS.map((key) => formatRate(throughput(result, key))),
      result.readAll ? formatRate(result.readAll.eventsPerSecond) : '-',
      result.history ? formatMs(result.history.p50Ms) : '-',
      result.history ? formatMs(result.history.p99Ms) : '-',
    ];
  });
  const versusRaw = appendRatios(lastri, raw, higherIsBetter, throughput);
  const versusEmmett = appendRatios(lastri, emmett, higherIsBetter, throughput);
  for (const [other, ratios] of [
    [raw, versusRaw],
    [emmett, versusEmmett],
  ] as const) {
    rows.push([`ratio ÷ ${other.label}`, ...ratios.perWorkload.map(formatRatio), `geomean ${formatRatio(ratios.mean)}`]);
  }

  // The same appends by CPU time: steadier than appends/s when other work shares the machine.
  const withServer = results.some((result) => Object.keys(result.serverCpuUs).length > 0);
  const cpuTitle = `CPU µs per append: this process${withServer ? ' + the database server' : ''}`;
  const cpuHeader = [['store', ...APPEND_WORKLOAD_KEYS.map(heading)]];
  const cpuRows = results
    .filter((result) => Object.keys(result.clientCpuUs).length > 0)
    .map((result) => [
      result.label,
      ...APPEND_WORKLOAD_KEYS.map((key) => {
        const client = formatRate(median(result.clientCpuUs[key] ?? []));
        const server = result.serverCpuUs[key];
        return server ? `${client} + ${formatRate(median(server))}` : client;
      }),
    ]);
  for (const other of [raw, emmett]) {
    const byCpu = appendRatios(lastri, other, lowerIsBetter, cpuPerAppend);
    cpuRows.push([`ratio ÷ ${other.label}`, ...byCpu.perWorkload.map(formatRatio), `geomean ${formatRatio(byCpu.mean)}`]);
  }

  const notes: string[] = [];
  for (const result of results) {
    notes.push(`${result.label}: ${result.settings}`);
    if (result.failure) notes.push(`  ${result.failure}`);
    for (const note of result.notes()) notes.push(`  ${note}`);
    if (result.readAll && result.readAll.events !== totalEvents) {
      notes.push(`  readAll returned ${result.readAll.events} of the ${totalEvents} events appended.`);
    }
    if (result.history && result.history.events !== settings.historyEvents) {
      notes.push(`  the resident history returned ${result.history.events} of ${settings.historyEvents} events.`);
    }
  }
  console.log(`\n${title}`);
  for (const fact of facts) console.log(`  ${fact}`);
  console.log(renderTable(header, rows));
  console.log(`\n${cpuTitle}`);
  console.log(renderTable(cpuHeader, cpuRows));
  for (const note of [...notes, ...extraNotes]) console.log(`  ${note}`);
  return { versusRaw: versusRaw.mean, versusEmmett: versusEmmett.mean };
}

const FILESYSTEMS: Record<number, string> = {
  0xef53: 'ext4',
  0x01021994: 'tmpfs',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x794c7630: 'overlayfs',
};

async function runSqlite(
  settings: Settings,
  rounds: AppendWorkload[][],
  cleanup: Cleanup,
  versions: EmmettVersions,
): Promise<BackendReport> {
  const directory = mkdtempSync(path.join(settings.sqliteDirectory, 'lastri-bench-event-store-'));
  cleanup.add(`remove ${directory}`, () => rmSync(directory, { recursive: true, force: true }));
  const filesystem = FILESYSTEMS[statfsSync(directory).type] ?? `filesystem 0x${statfsSync(directory).type.toString(16)}`;
  const results = await benchBackend(
    'sqlite',
    [
      {
        settings: 'createEventStore("sqlite:…"): journal_mode=WAL, synchronous=NORMAL, one connection, BEGIN IMMEDIATE per append',
        open: () => openLastriStore('lastri SqliteEventStore', `sqlite:${path.join(directory, 'lastri.db')}`),
      },
      {
        settings: 'the adapter’s table and pragmas (its prepareDatabase): WAL, synchronous=NORMAL, one connection, BEGIN IMMEDIATE per append',
        open: async () => openRawSqlite(path.join(directory, 'raw.db')),
      },
      {
        settings: 'WAL, synchronous=FULL (SQLite’s default; Emmett sets no other), a new connection per call',
        open: () => openEmmettSqlite(path.join(directory, 'emmett.db'), versions),
      },
    ],
    rounds,
    settings,
    cleanup,
  );
  const emmettSqlite = await emmettSqliteLibraryVersion().catch(() => undefined);
  const { versusRaw, versusEmmett } = printBackend(
    'SQLite',
    [
      `better-sqlite3 ${packageVersionOf('better-sqlite3')} (SQLite ${betterSqliteLibraryVersion()})` +
        (emmettSqlite ? `; Emmett’s sqlite3 driver has SQLite ${emmettSqlite}` : ''),
      `files in ${directory} (${filesystem}); writers are concurrent async callers in this one process`,
    ],
    results,
    settings,
    results[2].failure ? [] : [EMMETT_SQLITE_SERIALISED_NOTE],
    totalAppendedEvents(rounds, settings),
  );
  return { backend: 'sqlite', versusRaw, versusEmmett };
}

async function runPostgres(
  settings: Settings,
  rounds: AppendWorkload[][],
  cleanup: Cleanup,
  versions: EmmettVersions,
): Promise<BackendReport> {
  const scratch = async (label: string) => {
    const database = await scratchPostgresDatabase(`bench_event_store_${label}`);
    cleanup.add(`drop the scratch database ${new URL(database.url).pathname.slice(1)}`, () =>
      retried(() => database.drop()),
    );
    return database.url;
  };
  const urls = { lastri: await scratch('lastri'), raw: await scratch('raw'), emmett: await scratch('emmett') };
  const meter = (url: string) => {
    const cpu = databaseCpuMeter(url);
    cleanup.add('close a CPU meter', () => cpu.close());
    return () => cpu.read();
  };
  const server = await postgresServerFacts(urls.lastri);
  const results = await benchBackend(
    'postgres',
    [
      {
        settings: 'createEventStore("postgres://…") defaults: pool of 10, appends that wait while 2 calls are in flight go together in one call',
        open: () => openLastriStore('lastri PostgresEventStore', urls.lastri),
        serverCpuMs: meter(urls.lastri),
      },
      {
        settings: 'the adapter’s schema (its CREATE_SCHEMA_SQL), one prepared multi-row INSERT per append, pool of 10',
        open: () => openRawPostgres(urls.raw),
        serverCpuMs: meter(urls.raw),
      },
      {
        settings: 'getPostgreSQLEventStore defaults (pool of 10): BEGIN; SELECT emt_append_to_stream(…); COMMIT per append',
        open: () => openEmmettPostgres(urls.emmett, versions),
        serverCpuMs: meter(urls.emmett),
      },
    ],
    rounds,
    settings,
    cleanup,
  );
  const { versusRaw, versusEmmett } = printBackend(
    'PostgreSQL',
    [
      `PostgreSQL ${server.version} on ${new URL(urls.lastri).host}, one scratch database per store; pg ${packageVersionOf('pg')}`,
      `every commit as the server has it: fsync=${server.fsync}, synchronous_commit=${server.synchronousCommit}, wal_sync_method=${server.walSyncMethod}`,
      'writers are concurrent async callers in this one process, sharing one store (one pool)',
    ],
    results,
    settings,
    [],
    totalAppendedEvents(rounds, settings),
  );
  return { backend: 'postgres', versusRaw, versusEmmett };
}

/** A few tries: on a busy server DROP DATABASE … WITH (FORCE) can give up waiting for a backend. */
async function retried(work: () => Promise<void>, tries = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

function totalAppendedEvents(rounds: AppendWorkload[][], settings: Settings): number {
  return (
    rounds.flat().reduce((sum, workload) => sum + eventsIn(workload.warmup) + eventsIn(workload.measured), 0) +
    settings.historyEvents
  );
}

function packageVersionOf(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

async function main(): Promise<void> {
  const settings = readSettings();
  const cleanup = new Cleanup();
  const interrupted = (signal: NodeJS.Signals) => {
    log(`${signal}: cleaning up`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const startedAt = Date.now();

  const cpu = cpus();
  console.log('Event store benchmark (issue 3)');
  console.log(
    `  node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`,
  );
  console.log(
    `  per round and store: ${settings.singleAppends} single-event appends and ${settings.batchAppends} ${settings.batchSize}-event appends, ` +
      `each with 1 and with ${settings.concurrentWriters} writers (each writer its own ${settings.streamsPerWriter} resident streams), ` +
      `after ${settings.warmupAppends} warm-up appends; events of ~${settings.eventBytes} B of data; ${settings.rounds} round(s), median shown`,
  );
  console.log(
    `  readAll: the whole log, ${settings.readPageSize} events a call, after one untimed pass; resident history: ` +
      `${settings.historyEvents} events over the four context streams, ${settings.historyReads} reads after ${settings.historyWarmupReads}`,
  );
  console.log(
    '  every store gets the same events, writers and expected versions (Emmett: version + 1, STREAM_DOES_NOT_EXIST for no-stream)',
  );
  console.log(
    '  ratio = LASTRI adapter appends/s ÷ the other’s, geometric mean over the four append workloads; targets: sqlite/raw ≥ 0.7, postgres/emmett ≥ 1.5',
  );
  console.log(
    '  CPU per append (second table): this process, plus for PostgreSQL the scratch database’s server processes (from /proc); its ratios are the other’s CPU ÷ the adapter’s',
  );

  const reports: BackendReport[] = [];
  const versions: EmmettVersions = {};
  try {
    const rounds = Array.from({ length: settings.rounds }, () => planAppendWorkloads(settings));
    if (settings.backends.includes('sqlite')) reports.push(await runSqlite(settings, rounds, cleanup, versions));
    if (settings.backends.includes('postgres')) reports.push(await runPostgres(settings, rounds, cleanup, versions));
  } finally {
    await cleanup.run();
  }

  console.log('');
  console.log(
    `Emmett: ${Object.entries(versions).map(([name, version]) => `${name} ${version}`).join(', ') || 'not loaded'}`,
  );
  console.log(`took ${((Date.now() - startedAt) / 1000).toFixed(0)} s; load average now ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  const ratio = (backend: Backend, key: 'versusRaw' | 'versusEmmett') =>
    formatRatio(reports.find((report) => report.backend === backend)?.[key] ?? Number.NaN);
  console.log(
    `ratios sqlite/raw=${ratio('sqlite', 'versusRaw')} postgres/raw=${ratio('postgres', 'versusRaw')} ` +
      `postgres/emmett=${ratio('postgres', 'versusEmmett')} sqlite/emmett=${ratio('sqlite', 'versusEmmett')}`,
  );
}

main().then(
  () => {
    // Everything is closed by now; a handle some library leaks must not keep the tool running.
    setTimeout(() => {
      log('exiting although something is still open');
      process.exit(process.exitCode ?? 0);
    }, 5_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`bench:event-store: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
