import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { EVENT_TOPICS } from '@lastri/contracts';

import { EmbeddedEventStoreTransport } from '../embedded/embedded-event-store.transport';
import { temporarySqliteStore, type TemporaryStore } from '../testing/temporary-store';
import { EventConsumerDefinitionError } from './consumer-errors';
import { EventConsumer } from './event-consumer.decorator';

describe('@EventConsumer and the transports refuse a consumer set up wrongly, at start', () => {
  let temporary: TemporaryStore;
  beforeEach(async () => {
    temporary = await temporarySqliteStore();
  });
  afterEach(() => temporary.dispose());

  async function connect(controller: new () => unknown): Promise<void> {
    const moduleRef = await Test.createTestingModule({ controllers: [controller] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    try {
      app.connectMicroservice({ strategy: new EmbeddedEventStoreTransport({ store: temporary.store }) }, { inheritAppConfig: true });
    } finally {
      await app.close();
    }
  }

  it('an @EventPattern handler whose class names no consumer', async () => {
    @Controller()
    class Anonymous {
      @EventPattern(EVENT_TOPICS.intake)
      async handle(@Payload() _event: unknown): Promise<void> {
        // never reached: the app refuses to start
      }
    }

    await expect(connect(Anonymous)).rejects.toThrow(EventConsumerDefinitionError);
    await expect(connect(Anonymous)).rejects.toThrow("decorate its class with @EventConsumer('<name>')");
  });

  it('a topic embedded mode cannot find in the store', async () => {
    @EventConsumer('eligibility')
    class Partner {
      @EventPattern('lastri.partner.disnaker')
      async handle(@Payload() _event: unknown): Promise<void> {
        // never reached: the app refuses to start
      }
    }

    await expect(connect(Partner)).rejects.toThrow('lastri.partner.disnaker');
  });

  it('a request-reply handler in an event consumer', () => {
    expect(() => {
      @EventConsumer('eligibility')
      class Asking {
        @MessagePattern('lastri.intake.events')
        ask(): string {
          return 'no';
        }
      }
      return Asking;
    }).toThrow(EventConsumerDefinitionError);
  });

  it('a consumer name that cannot be part of a topic name', () => {
    expect(() => EventConsumer('Eligibility Service')).toThrow(RangeError);
  });
});
