export type { EventEnvelope } from './envelope/event-envelope';
export { EventDataInvalidError, MalformedEnvelopeError } from './envelope/envelope-errors';
export {
  CLOUDEVENTS_SPEC_VERSION,
  JSON_CONTENT_TYPE,
  fromKafkaRecord,
  toKafkaRecord,
  type IncomingKafkaRecord,
  type OutgoingKafkaRecord,
} from './envelope/cloud-events.kafka';
export { assertSatisfiesContract } from './envelope/contract-check';

export { EventRelay, relaySubscriberName, type EventRelayOptions } from './relay/event.relay';
export { InvalidStoredEventError } from './relay/relay-errors';
export { relayProducer, type RelayKafkaConfig, type RelayProducer } from './relay/relay-producer';

export { EventConsumer, type EventHandlerExtras } from './consumer/event-consumer.decorator';
export { EventConsumerDefinitionError, UnprocessableEventError } from './consumer/consumer-errors';
export { KafkaEventTransport, type KafkaEventTransportOptions } from './consumer/kafka-event.transport';
export { listenWithEventTransport } from './consumer/hybrid-app';
export { DEFAULT_RETRY_POLICY, backoffMs, retryPolicy, type RetryPolicy } from './consumer/retry-policy';
export { DeliveryAbortedError, type DeliveryFailure } from './consumer/event-delivery';
export { DEFAULT_GROUP_PREFIX, consumerGroupId, redriveGroupId, validGroupPrefix } from './consumer/consumer-names';
export { appendCausedEvents, causedBy, type CausedEvents, type Reaction } from './consumer/caused-events';

export { ensureTopics, type EnsureTopicsOptions, type TopicSpec } from './topics/ensure-topics';
export { lastriTopics } from './topics/lastri-topics';

export { EmbeddedEventStoreTransport, contextOfTopic, type EmbeddedEventStoreTransportOptions } from './embedded/embedded-event-store.transport';
export { EmbeddedEventContext } from './embedded/embedded-event.context';

export { stackDigest, type DeadLetter, type DeadLetterError, type DeadLetterOrigin, type DeadLetterQueue } from './dead-letter/dead-letter';
export { DEAD_LETTER_HEADERS, KafkaDeadLetterQueue, deadLetterMessage, type KafkaDeadLetterQueueOptions } from './dead-letter/kafka-dead-letter.queue';
export {
  DEAD_LETTER_REDRIVE_REQUESTED,
  DEAD_LETTER_STREAM_PREFIX,
  EVENT_DEAD_LETTERED,
  StoreDeadLetterQueue,
  deadLetterStream,
  type DeadLetterRedriveRequestedData,
  type EventDeadLetteredData,
} from './dead-letter/store-dead-letter.queue';
export {
  formatDeadLetters,
  listDeadLetters,
  openDeadLetterQueue,
  redriveDeadLetters,
  runDeadLetterCli,
  DEAD_LETTER_USAGE,
  type CliOutput,
  type DeadLetterSource,
} from './cli/dlq';
