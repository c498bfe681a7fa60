/**
 * Where a test suite finds the real servers it needs. For each server, in this order:
 *   1. the environment (`POSTGRES_URL`, `KAFKA_BROKERS`, `MONGO_URL`, `KURRENTDB_URL`),
 *      which `npm test` sets after starting the local servers once for the whole run;
 *   2. the local servers of infra/local, started here if not running and the toolchain exists;
 *   3. testcontainers, where a Docker engine answers;
 *   4. otherwise the suite fails, with a message naming what is missing.
 * KurrentDB has no local server on these machines: it comes from the environment or
 * testcontainers, and its suites report themselves skipped, by name, where neither exists.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export type LocalServer = 'postgres' | 'kafka' | 'ferretdb';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const UP_SCRIPT = path.join(REPO_ROOT, 'infra/local/up.sh');
const LOCAL_START_TIMEOUT_MS = 20 * 60_000;

const ENV_KEY: Record<LocalServer, string> = {
  postgres: 'POSTGRES_URL',
  kafka: 'KAFKA_BROKERS',
  ferretdb: 'MONGO_URL',
};

/** A PostgreSQL connection URL (`postgres://…`) for a server this test may use freely. */
export async function postgresUrl(): Promise<string> {
  return (
    fromEnvironment('postgres') ?? fromLocalServer('postgres') ?? (await fromContainer('postgres'))
  );
}

/** Kafka bootstrap brokers, comma separated (`127.0.0.1:29092`). */
export async function kafkaBrokers(): Promise<string> {
  return fromEnvironment('kafka') ?? fromLocalServer('kafka') ?? (await fromContainer('kafka'));
}

/** A MongoDB wire-protocol URL: FerretDB locally, a real MongoDB in a container where Docker runs. */
export async function mongoUrl(): Promise<string> {
  return (
    fromEnvironment('ferretdb') ?? fromLocalServer('ferretdb') ?? (await fromContainer('ferretdb'))
  );
}

export type KurrentDbAvailability =
  | { available: true; source: 'environment' | 'testcontainers' }
  | { available: false; reason: string };

/** Decided synchronously so that a suite can choose `describe` or `describe.skip` at load time. */
export function kurrentDbAvailability(): KurrentDbAvailability {
  if (process.env['KURRENTDB_URL']) return { available: true, source: 'environment' };
  if (dockerEngineAnswers()) return { available: true, source: 'testcontainers' };
  return {
    available: false,
    reason: 'no KURRENTDB_URL in the environment and no Docker engine for testcontainers',
  };
}

/** A KurrentDB connection string (`kurrentdb://…?tls=false`). */
export async function kurrentDbUrl(): Promise<string> {
  const fromEnv = process.env['KURRENTDB_URL'];
  if (fromEnv) return fromEnv;
  if (!dockerEngineAnswers()) {
    throw new Error(
      `KurrentDB is not available: ${(kurrentDbAvailability() as { reason: string }).reason}.`,
    );
  }
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('docker.kurrent.io/kurrent-latest/kurrentdb:25.1')
    .withEnvironment({
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_RUN_PROJECTIONS: 'None',
      KURRENTDB_MEM_DB: 'true',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .start();
  const url = `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  process.env['KURRENTDB_URL'] = url;
  return url;
}

function fromEnvironment(server: LocalServer): string | undefined {
  return process.env[ENV_KEY[server]] || undefined;
}

/**
 * Starts (or finds running) the local server through infra/local/up.sh, which holds a lock so
 * that parallel jest workers share one server. Returns undefined when the toolchain is absent.
 */
function fromLocalServer(server: LocalServer): string | undefined {
  const missing = missingToolchain(server);
  if (missing) {
    toolchainNotes.set(server, missing);
    return undefined;
  }
  const output = execFileSync('bash', [UP_SCRIPT, server], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: LOCAL_START_TIMEOUT_MS,
  });
  for (const line of output.split('\n')) {
    const match = /^([A-Z_]+)=(.+)$/.exec(line.trim());
    if (match) process.env[match[1]] = match[2];
  }
  const value = fromEnvironment(server);
  if (!value) throw new Error(`infra/local/up.sh ${server} printed no ${ENV_KEY[server]} line.`);
  return value;
}

const toolchainNotes = new Map<LocalServer, string>();

function missingToolchain(server: LocalServer): string | undefined {
  const canApt = process.getuid?.() === 0 && commandExists('apt-get');
  switch (server) {
    case 'postgres': {
      const installed =
        existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').length > 0;
      return installed || canApt
        ? undefined
        : 'PostgreSQL (Debian package postgresql) is not installed';
    }
    case 'kafka':
      return (commandExists('java') && commandExists('mvn')) || canApt
        ? undefined
        : 'Java 17 and Maven are needed to run Kafka from its jars';
    case 'ferretdb':
      return commandExists('go') ? undefined : 'Go is needed to build the FerretDB runner';
  }
}

async function fromContainer(server: LocalServer): Promise<string> {
  if (!dockerEngineAnswers()) {
    const why = toolchainNotes.get(server) ?? 'the local server could not be used';
    throw new Error(
      `No ${ENV_KEY[server]} for this test: not set in the environment, ${why}, ` +
        'and no Docker engine answers for testcontainers.',
    );
  }
  let value: string;
  switch (server) {
    case 'postgres': {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      value = (await new PostgreSqlContainer('postgres:16-alpine').start()).getConnectionUri();
      break;
    }
    case 'kafka': {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const kafka = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
      value = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
      break;
    }
    case 'ferretdb': {
      const { MongoDBContainer } = await import('@testcontainers/mongodb');
      const mongo = await new MongoDBContainer('mongo:7').start();
      value = `${mongo.getConnectionString()}?directConnection=true`;
      break;
    }
  }
  process.env[ENV_KEY[server]] = value;
  return value;
}

let dockerAnswer: boolean | undefined;

/** True only when a Docker engine really answers, not when just the client is installed. */
export function dockerEngineAnswers(): boolean {
  if (dockerAnswer === undefined) {
    const cached = process.env['LASTRI_DOCKER_ENGINE'];
    if (cached === 'yes' || cached === 'no') {
      dockerAnswer = cached === 'yes';
    } else {
      dockerAnswer =
        commandExists('docker') &&
        spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
          timeout: 5_000,
          stdio: 'ignore',
        }).status === 0;
      process.env['LASTRI_DOCKER_ENGINE'] = dockerAnswer ? 'yes' : 'no';
    }
  }
  return dockerAnswer;
}

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}
