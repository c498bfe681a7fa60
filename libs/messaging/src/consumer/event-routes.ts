/**
 * The handlers a transport drives, collected from Nest's `addHandler` calls. Unlike Nest's own
 * registry, handlers of one topic are not chained into one call: each belongs to a consumer and
 * gets its own retries and dead letters, so one failing handler neither re-runs nor blocks the
 * others' bookkeeping.
 */
import type { MessageHandler } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';

import type { EventEnvelope } from '../envelope/event-envelope';
import { EventConsumerDefinitionError } from './consumer-errors';
import type { EventHandlerExtras } from './event-consumer.decorator';

export interface EventRoute {
  readonly topic: string;
  readonly consumer: string;
  /** `Class.method`. */
  readonly handler: string;
  invoke(envelope: EventEnvelope, context: unknown): Promise<void>;
}

export class EventRoutes {
  private readonly routes: EventRoute[] = [];

  /** Takes Nest's `addHandler` arguments; throws for anything a transport of events cannot drive. */
  add(pattern: unknown, callback: MessageHandler, isEventHandler: boolean, extras?: Record<string, unknown>): EventRoute {
    if (typeof pattern !== 'string') {
      throw new EventConsumerDefinitionError(`Event patterns are topic names; got ${JSON.stringify(pattern)}.`);
    }
    if (!isEventHandler) {
      throw new EventConsumerDefinitionError(
        `@MessagePattern(${JSON.stringify(pattern)}): LASTRI's event transports carry events only, not request-reply.`,
      );
    }
    const { consumer, handler } = (extras ?? {}) as Partial<EventHandlerExtras>;
    if (!consumer || !handler) {
      throw new EventConsumerDefinitionError(
        `An @EventPattern(${JSON.stringify(pattern)}) handler belongs to no consumer: decorate its class with @EventConsumer('<name>').`,
      );
    }
    const route: EventRoute = {
      topic: pattern,
      consumer,
      handler,
      invoke: async (envelope, context) => {
        // Nest's proxy resolves to the handler's result, or to an Observable that errors with
        // what the handler threw (passed through by @EventConsumer's filter).
        const result: unknown = await callback(envelope, context);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      },
    };
    this.routes.push(route);
    return route;
  }

  consumers(): string[] {
    return [...new Set(this.routes.map((route) => route.consumer))];
  }

  /** Topic → handlers of one consumer, in registration order. */
  ofConsumer(consumer: string): Map<string, EventRoute[]> {
    const byTopic = new Map<string, EventRoute[]>();
    for (const route of this.routes.filter((candidate) => candidate.consumer === consumer)) {
      byTopic.set(route.topic, [...(byTopic.get(route.topic) ?? []), route]);
    }
    return byTopic;
  }
}
