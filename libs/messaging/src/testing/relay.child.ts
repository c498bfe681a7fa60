/**
 * A relay in a process of its own, for the test that kills it. With KILL_AFTER_SENDS=n it
 * kills itself with SIGKILL the moment Kafka has acknowledged its n-th send, before the relay can
 * save a checkpoint past it: the worst moment for a crash, made exact. The producer is
 * the real one talking to the real broker; only the timing of the kill is arranged.
 * Environment: STORE_URL, KAFKA_BROKERS, TOPIC, BATCH_SIZE, SENDS_PER_READ, KILL_AFTER_SENDS.
 */
import { createEventStore } from '@lastri/event-store';

import { EventRelay } from '../relay/event.relay';
import { relayProducer, type RelayProducer } from '../relay/relay-producer';
import { silentLogger } from './kafka-topics';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`relay.child needs ${name}.`);
  return value;
}

/**
 * The real producer (thread), which kills this process once Kafka has acknowledged its n-th send.
 * Each send is handed to the thread only after the one before it is acknowledged here: the thread
 * would otherwise send the next one queued while that acknowledgement is still on its way to this
 * thread, and the kill would come one send late, sometimes.
 */
function dyingAfterSends(producer: RelayProducer, killAfter: number): RelayProducer {
  let acknowledged = 0;
  let last: Promise<void> = Promise.resolve();
  return {
    ...producer,
    send(topic, messages) {
      // Behind a failed send, the ones queued fail unsent, as the producer's own queue does.
      last = last.then(async () => {
        await producer.send(topic, messages);
        if (++acknowledged >= killAfter) process.kill(process.pid, 'SIGKILL');
      });
      return last;
    },
  };
}

async function main(): Promise<void> {
  const store = await createEventStore(env('STORE_URL'));
  const killAfter = Number(env('KILL_AFTER_SENDS'));
  const relay = new EventRelay({
    store,
    kafka: { clientId: 'lastri-relay-child', brokers: env('KAFKA_BROKERS').split(',') },
    createProducer: (config) => dyingAfterSends(relayProducer(config), killAfter),
    context: 'intake',
    topic: env('TOPIC'),
    batchSize: Number(env('BATCH_SIZE')),
    sendsPerRead: Number(env('SENDS_PER_READ')),
    logger: silentLogger(),
  });
  await relay.start();
  await relay.stopped;
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
