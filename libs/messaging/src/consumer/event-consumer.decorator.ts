/**
 * `@EventConsumer('eligibility')` on a class of `@EventPattern(topic)` handlers: the one piece a
 * context adds, so that a handler stays `@EventPattern(TOPIC) handle(@Payload() event, @Ctx() ctx)`.
 * It makes the class a Nest controller, tags each handler with its consumer (the Kafka group, the
 * embedded checkpoint, the dead-letter topic `lastri.<consumer>.dlq`) and lets a handler's own
 * error reach the transport, which retries and dead-letters; Nest's default RPC filter would
 * replace it with "Internal server error" and the dead letter would not say what went wrong.
 */
import { Catch, Controller, UseFilters, type RpcExceptionFilter } from '@nestjs/common';
import { deadLetterTopic } from '@lastri/contracts';
import { PATTERN_EXTRAS_METADATA, PATTERN_HANDLER_METADATA } from '@nestjs/microservices/constants';
import { PatternHandler } from '@nestjs/microservices/enums/pattern-handler.enum';
import { throwError, type Observable } from 'rxjs';

import { EventConsumerDefinitionError } from './consumer-errors';

/** What the decorator adds to each handler's `@EventPattern` extras, read back by the transports. */
export interface EventHandlerExtras {
  consumer: string;
  /** `Class.method`, as dead letters name it. */
  handler: string;
}

@Catch()
class PassHandlerErrorsToTransport implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

export function EventConsumer(consumer: string): ClassDecorator {
  deadLetterTopic(consumer); // a consumer name becomes part of topic names: refuse a bad one now
  return (target) => {
    Controller()(target);
    UseFilters(new PassHandlerErrorsToTransport())(target);
    for (const [methodName, method] of handlerMethods(target.prototype)) {
      const kind = Reflect.getMetadata(PATTERN_HANDLER_METADATA, method);
      if (kind === PatternHandler.MESSAGE) {
        throw new EventConsumerDefinitionError(
          `${target.name}.${methodName}: an @EventConsumer handles events; @MessagePattern (request-reply) does not belong here.`,
        );
      }
      const extras: EventHandlerExtras = { consumer, handler: `${target.name}.${methodName}` };
      Reflect.defineMetadata(
        PATTERN_EXTRAS_METADATA,
        { ...Reflect.getMetadata(PATTERN_EXTRAS_METADATA, method), ...extras },
        method,
      );
    }
  };
}

function* handlerMethods(prototype: object): Generator<[string, (...args: unknown[]) => unknown]> {
  const seen = new Set<string>();
  for (let current = prototype; current && current !== Object.prototype; current = Object.getPrototypeOf(current)) {
    for (const name of Object.getOwnPropertyNames(current)) {
      if (name === 'constructor' || seen.has(name)) continue;
      seen.add(name);
      const value = Object.getOwnPropertyDescriptor(current, name)?.value;
      if (typeof value === 'function' && Reflect.getMetadata(PATTERN_HANDLER_METADATA, value) !== undefined) {
        yield [name, value];
      }
    }
  }
}
