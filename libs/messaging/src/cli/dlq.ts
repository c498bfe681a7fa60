/**
 * Dead letters of one consumer, for operators: list them, re-drive them.
 *
 *   node -r @swc-node/register libs/messaging/src/cli/dlq.ts list    --consumer eligibility [--all] [--json]
 *   node -r @swc-node/register libs/messaging/src/cli/dlq.ts redrive --consumer eligibility [--json]
 *
 * Distributed mode (Kafka) when KAFKA_BROKERS or --brokers is given: the topic
 * `lastri.<consumer>.dlq`; a re-drive publishes each pending record back to its original topic
 * and commits past it. Embedded mode otherwise, on the store at EVENT_STORE_URL or --store: a
 * re-drive is recorded in the store and the running app delivers it (at its next start if down).
 */
import { createEventStore } from '@lastri/event-store';
import { Kafka, logLevel } from 'kafkajs';
import { parseArgs } from 'node:util';

import type { DeadLetter, DeadLetterQueue } from '../dead-letter/dead-letter';
import { KafkaDeadLetterQueue } from '../dead-letter/kafka-dead-letter.queue';
import { StoreDeadLetterQueue } from '../dead-letter/store-dead-letter.queue';

export interface DeadLetterSource {
  consumer: string;
  /** Comma-separated Kafka brokers: distributed mode. */
  brokers?: string;
  /** KAFKA_GROUP_PREFIX of the stack (default `lastri`). */
  groupPrefix?: string;
  /** `sqlite:<file>`, `postgres://…`: embedded mode. */
  storeUrl?: string;
}

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export const DEAD_LETTER_USAGE = `Usage: dlq <list|redrive> --consumer <name> [--all] [--json] [--brokers host:port,…] [--store <EVENT_STORE_URL>]
  list      dead letters not yet re-driven (--all: re-driven ones too)
  redrive   send every pending dead letter back to be processed again
Kafka when KAFKA_BROKERS or --brokers is set; otherwise the event store at EVENT_STORE_URL or --store.`;

/** Opens the dead-letter queue of a consumer on Kafka or in the store; close() releases what it opened. */
export async function openDeadLetterQueue(source: DeadLetterSource): Promise<DeadLetterQueue> {
  if (source.brokers) {
    const kafka = new Kafka({ clientId: 'lastri-dlq-cli', brokers: source.brokers.split(','), logLevel: logLevel.ERROR });
    return new KafkaDeadLetterQueue(kafka, source.consumer, { groupPrefix: source.groupPrefix });
  }
  if (source.storeUrl) {
    const store = await createEventStore(source.storeUrl);
    const queue = new StoreDeadLetterQueue(store, source.consumer);
    return {
      consumer: queue.consumer,
      list: (options) => queue.list(options),
      redrive: () => queue.redrive(),
      close: () => store.close(),
    };
  }
  throw new Error('Neither KAFKA_BROKERS (--brokers) nor EVENT_STORE_URL (--store) is set: no dead letters to look at.');
}

export async function listDeadLetters(source: DeadLetterSource, options: { includeRedriven?: boolean } = {}): Promise<DeadLetter[]> {
  const queue = await openDeadLetterQueue(source);
  try {
    return await queue.list(options);
  } finally {
    await queue.close();
  }
}

export async function redriveDeadLetters(source: DeadLetterSource): Promise<DeadLetter[]> {
  const queue = await openDeadLetterQueue(source);
  try {
    return await queue.redrive();
  } finally {
    await queue.close();
  }
}

/** Runs the CLI; returns the exit code. */
export async function runDeadLetterCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  output: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) },
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    output.err(`${(error as Error).message}\n${DEAD_LETTER_USAGE}`);
    return 2;
  }
  const { command, values } = parsed;
  const source: DeadLetterSource = {
    consumer: values.consumer,
    brokers: values.brokers ?? env['KAFKA_BROKERS'] ?? undefined,
    groupPrefix: env['KAFKA_GROUP_PREFIX']?.trim() || undefined,
    storeUrl: values.store ?? env['EVENT_STORE_URL'] ?? undefined,
  };
  try {
    const letters =
      command === 'list' ? await listDeadLetters(source, { includeRedriven: values.all }) : await redriveDeadLetters(source);
    if (values.json) {
      output.out(JSON.stringify(letters, null, 2));
    } else {
      const verb = command === 'list' ? 'dead letter(s)' : 'dead letter(s) re-driven';
      output.out(`${letters.length} ${verb} of consumer ${source.consumer}`);
      for (const line of formatDeadLetters(letters)) output.out(line);
    }
    return 0;
  } catch (error) {
    output.err(`dlq ${command}: ${(error as Error).message}`);
    return 1;
  }
}

export function formatDeadLetters(letters: readonly DeadLetter[]): string[] {
  if (letters.length === 0) return [];
  const rows = letters.map((letter) => [
    letter.failedAt,
    letter.status,
    letter.handler ?? '(refused before any handler)',
    `${letter.eventType ?? '?'} ${letter.eventId ?? '?'}`,
    letter.residentId ?? '?',
    String(letter.attempts),
    where(letter),
    `${letter.error.name}: ${letter.error.message} [${letter.error.stackDigest}]`,
  ]);
  const header = ['FAILED AT', 'STATUS', 'HANDLER', 'EVENT', 'RESIDENT', 'ATTEMPTS', 'FROM', 'ERROR'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ');
  return [line(header), ...rows.map(line)];
}

function where(letter: DeadLetter): string {
  const { original } = letter;
  if (original.partition !== undefined && original.offset !== undefined) {
    return `${original.topic}[${original.partition}]@${original.offset}`;
  }
  return `${original.topic} ${original.streamName}@${original.streamVersion}`;
}

function parse(argv: readonly string[]) {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      consumer: { type: 'string' },
      brokers: { type: 'string' },
      store: { type: 'string' },
      all: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const [command, ...extra] = positionals;
  if (command !== 'list' && command !== 'redrive') throw new Error(`Unknown command ${JSON.stringify(command ?? '')}.`);
  if (extra.length > 0) throw new Error(`Unexpected argument(s): ${extra.join(' ')}.`);
  if (!values.consumer) throw new Error('--consumer is required.');
  return { command, values: { ...values, consumer: values.consumer } };
}

if (require.main === module) {
  runDeadLetterCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
