'use strict';
/**
 * The relay's Kafka producers, on a thread of their own (relay-producer.ts starts it and speaks
 * to it). Plain JavaScript: the thread loads it with Node's own loader, whatever runs the host.
 *
 * Requests: { op: 'open', producer, config } | { op: 'send', producer, topic, messages } |
 * { op: 'close', producer }, each with a seq; every request is answered once, { seq } or
 * { seq, error: { name, message, stack } }. A producer's sends go out in the order they came, each once
 * the one before it is acknowledged; after a failed send, the ones behind it fail unsent.
 */
const { parentPort } = require('node:worker_threads');
const { Kafka, Partitioners, logLevel } = require('kafkajs');

/** producer id → { producer, last: the promise of its last send (or of connecting) } */
const producers = new Map();

parentPort.on('message', (request) => {
  switch (request.op) {
    case 'open': {
      const kafka = new Kafka({ logLevel: logLevel.WARN, ...request.config });
      const producer = kafka.producer({
        idempotent: true,
        // One request in flight: a retried batch can never overtake the next one.
        maxInFlightRequests: 1,
        // Kafka's own (murmur2) key hashing, as the DLQ re-drive uses: a record goes back to its partition.
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      const entry = { producer, last: producer.connect() };
      producers.set(request.producer, entry);
      answer(request.seq, entry.last);
      break;
    }
    case 'send': {
      const entry = producers.get(request.producer);
      if (!entry) {
        answer(
          request.seq,
          Promise.reject(new Error(`No relay producer ${request.producer} is open.`)),
        );
        break;
      }
      entry.last = entry.last.then(() =>
        entry.producer.send({ topic: request.topic, acks: -1, messages: request.messages }),
      );
      answer(request.seq, entry.last);
      break;
    }
    case 'close': {
      const entry = producers.get(request.producer);
      producers.delete(request.producer);
      // At once, not after the sends still queued: those fail, and their reads go out again later.
      answer(request.seq, entry ? entry.producer.disconnect() : Promise.resolve());
      break;
    }
    default:
      answer(
        request.seq,
        Promise.reject(new Error(`Unknown request ${JSON.stringify(request.op)}.`)),
      );
  }
});

function answer(seq, promise) {
  promise.then(
    () => parentPort.postMessage({ seq }),
    (error) =>
      parentPort.postMessage({
        seq,
        error: {
          name: (error && error.name) || 'Error',
          message: (error && error.message) || String(error),
          // Where kafkajs failed: the relay logs it, and the parent's own stack says nothing.
          stack: error && error.stack,
        },
      }),
  );
}
