import { ELIGIBILITY_CONSUMER } from '@lastri/eligibility';
import { ensureTopics, lastriTopics, type TopicSpec } from '@lastri/messaging';
import { NOTIFICATION_CONSUMER, PARTNER_DELIVERY_CONSUMER } from '@lastri/notification';
import { AGENCY_IDS, REFERRAL_CONSUMER } from '@lastri/referral';
import { Kafka, logLevel } from 'kafkajs';
import { parseArgs } from 'node:util';

import { UsageError, type CliCommand, type CliIo } from '../cli-command';

/**
 * The consumers that exist (the names on the contexts' @EventConsumer classes, as each context
 * exports them); each new consumer adds itself here.
 */
const CONSUMERS = [ELIGIBILITY_CONSUMER, REFERRAL_CONSUMER, NOTIFICATION_CONSUMER, PARTNER_DELIVERY_CONSUMER];

const USAGE = `lastri topics list|create [--partitions N] [--replication-factor N] [--consumer NAME …]

  list    print the topics LASTRI uses: lastri.<context>.events, each consumer's lastri.<consumer>.dlq
          and each partner agency's lastri.partner.<agencyId>
  create  create those that do not exist yet on KAFKA_BROKERS and wait for their partition leaders

  --partitions N          partitions of each new topic (default 6)
  --replication-factor N  replicas of each new topic (default 1; 3 on a production cluster)
  --consumer NAME         a consumer whose dead-letter topic is wanted (repeatable; default: ${CONSUMERS.join(', ')})
`;

/** `lastri topics list|create`: the topics a broker needs before consumers start. */
export const topicsCommand: CliCommand = {
  name: 'topics',
  summary: 'list or create the Kafka topics LASTRI uses (events and dead letters)',
  usage: USAGE,
  run: async (argv, io) => {
    const { action, topics } = parseTopicsArgs(argv);
    if (action === 'list') {
      for (const spec of topics) io.stdout(`${spec.topic}\n`);
      return 0;
    }
    return createTopics(topics, io);
  },
};

export function parseTopicsArgs(argv: readonly string[]): {
  action: 'list' | 'create';
  topics: TopicSpec[];
} {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        partitions: { type: 'string', default: '6' },
        'replication-factor': { type: 'string', default: '1' },
        consumer: { type: 'string', multiple: true },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [action, ...extra] = parsed.positionals;
  if ((action !== 'list' && action !== 'create') || extra.length > 0) {
    throw new UsageError('say "list" or "create".');
  }
  const partitions = positiveInteger('--partitions', parsed.values.partitions);
  const replicationFactor = positiveInteger(
    '--replication-factor',
    parsed.values['replication-factor'],
  );
  const consumers = parsed.values.consumer ?? CONSUMERS;
  try {
    return { action, topics: lastriTopics(consumers, { partitions, replicationFactor }, AGENCY_IDS) };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function positiveInteger(option: string, raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`${option} must be a whole number from 1; got ${JSON.stringify(raw)}.`);
  }
  return value;
}

async function createTopics(topics: TopicSpec[], io: CliIo): Promise<number> {
  const brokers = io.env.KAFKA_BROKERS?.split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (!brokers?.length)
    throw new UsageError('KAFKA_BROKERS is not set (comma-separated host:port).');
  const admin = new Kafka({ clientId: 'lastri-cli', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const created = new Set(await ensureTopics(admin, topics));
    for (const { topic } of topics)
      io.stdout(`${topic}\t${created.has(topic) ? 'created' : 'exists'}\n`);
    return 0;
  } finally {
    await admin.disconnect();
  }
}
