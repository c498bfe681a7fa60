/**
 * The relay as a service runs it (keepRunning, from its Nest hook): a broker that cannot be
 * reached does not stop the service, readiness says the relay is in back-off, and it starts
 * relaying once the broker answers.
 */
import { logLevel } from 'kafkajs';

import { temporarySqliteStore, type TemporaryStore } from '../testing/temporary-store';
import { waitUntil } from '../testing/wait-until';
import { EventRelay } from './event.relay';
import type { RelayProducer } from './relay-producer';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('EventRelay.keepRunning', () => {
  let temporary: TemporaryStore;
  beforeEach(async () => {
    temporary = await temporarySqliteStore();
  });
  afterEach(async () => {
    await temporary.dispose();
  });

  it('is not ready while the broker is unreachable, retries, and is ready once it connects', async () => {
    let brokerUp = false;
    let connects = 0;
    const producer: RelayProducer = {
      connect: async () => {
        connects += 1;
        if (!brokerUp) throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9');
      },
      send: async () => undefined,
      disconnect: async () => undefined,
    };
    const relay = new EventRelay({
      store: temporary.store,
      kafka: { brokers: ['127.0.0.1:9'], clientId: 'test', logLevel: logLevel.NOTHING },
      createProducer: () => producer,
      context: 'intake',
      logger: silent,
    });

    relay.onApplicationBootstrap();
    await waitUntil('the relay is in back-off', () =>
      relay.readiness().detail.startsWith('back-off'),
    );
    expect(relay.readiness()).toEqual({
      ready: false,
      detail: expect.stringContaining('ECONNREFUSED'),
    });

    brokerUp = true;
    await waitUntil('the relay is running', () => relay.readiness().ready);
    await relay.caughtUp;
    expect(connects).toBeGreaterThan(1);

    await relay.onModuleDestroy();
    expect(relay.readiness()).toEqual({ ready: false, detail: 'stopped' });
  });

  it('stops while still retrying, without starting afterwards', async () => {
    const relay = new EventRelay({
      store: temporary.store,
      kafka: { brokers: ['127.0.0.1:9'], clientId: 'test', logLevel: logLevel.NOTHING },
      createProducer: () => ({
        connect: () => Promise.reject(new Error('unreachable')),
        send: async () => undefined,
        disconnect: async () => undefined,
      }),
      context: 'intake',
      logger: silent,
    });
    relay.keepRunning();
    await waitUntil('the relay is in back-off', () =>
      relay.readiness().detail.startsWith('back-off'),
    );
    await relay.stop();
    expect(relay.readiness().ready).toBe(false);
  });
});
