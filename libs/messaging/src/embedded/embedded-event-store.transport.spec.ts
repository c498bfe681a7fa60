import { EVENT_TOPICS, residentStreamName } from '@lastri/contracts';

import { StoreDeadLetterQueue } from '../dead-letter/store-dead-letter.queue';
import { FAST_RETRIES, describeConsumerBehaviours } from '../testing/consumer.behaviours';
import { invalidCaseOpened } from '../testing/intake-events.fixture';
import { temporarySqliteStore } from '../testing/temporary-store';
import { EmbeddedEventContext } from './embedded-event.context';
import { EmbeddedEventStoreTransport } from './embedded-event-store.transport';

describeConsumerBehaviours({
  name: 'embedded (event store)',
  async world() {
    const { store, dispose } = await temporarySqliteStore();
    return {
      store,
      topic: EVENT_TOPICS.intake,
      startCarrying: async () => undefined, // the transport reads the store itself
      async injectSchemaInvalid(residentId) {
        const event = invalidCaseOpened(residentId);
        await store.append(residentStreamName('intake', residentId), [event], 'any');
        return event.id;
      },
      transport: () => new EmbeddedEventStoreTransport({ store, retry: FAST_RETRIES }),
      deadLetters: (consumer) => new StoreDeadLetterQueue(store, consumer),
      contextTopic: (context) => (context as EmbeddedEventContext).getTopic(),
      tearDown: dispose,
    };
  },
});
