/**
 * The event store as a Nest provider. A host chooses the store once (by EVENT_STORE_URL, or an
 * instance it built); every context module injects it with `@Inject(EVENT_STORE)` and never
 * learns which adapter is behind it.
 */
import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';

import { createEventStore } from '../create-event-store';
import type { EventStore } from '../port/event-store';

export const EVENT_STORE = Symbol('EVENT_STORE');

@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Global()
@Module({})
export class EventStoreModule {
  /** Opens the store named by the URL and closes it when the application shuts down. */
  static forRoot(options: { url: string }): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [{ provide: EVENT_STORE, useFactory: () => createEventStore(options.url) }, EventStoreCloser],
      exports: [EVENT_STORE],
    };
  }

  /** Uses a store the caller opened (tests, a host sharing one store); the caller closes it. */
  static forStore(store: EventStore): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [{ provide: EVENT_STORE, useValue: store }],
      exports: [EVENT_STORE],
    };
  }
}
