/**
 * One message, through every handler of a consumer, with the same rules on both transports:
 * decode and check the contract (a failure there is permanent: dead-letter at once), then each
 * handler in turn with bounded retries and back-off, dead-lettering a handler that keeps failing.
 * It returns when every handler has either succeeded or dead-lettered: only then may the
 * transport acknowledge (commit the offset, move the checkpoint). It throws only when a dead
 * letter could not be written, and then the transport must not acknowledge.
 */
import type { LoggerService } from '@nestjs/common';

import { assertSatisfiesContract } from '../envelope/contract-check';
import type { EventEnvelope } from '../envelope/event-envelope';
import { UnprocessableEventError } from './consumer-errors';
import type { EventRoute } from './event-routes';
import { backoffMs, type RetryPolicy } from './retry-policy';

export interface DeliveryFailure {
  error: Error;
  /** Handler attempts made; 0 when the message was refused before reaching a handler. */
  attempts: number;
  /** `Class.method` of the handler that failed; absent when no handler was reached. */
  handler?: string;
  failedAt: Date;
}

export interface Delivery {
  /** For logs: where the message came from. */
  readonly description: string;
  readonly routes: readonly EventRoute[];
  /** Builds the envelope; throws MalformedEnvelopeError. */
  decode(): EventEnvelope;
  /** What a handler's `@Ctx()` receives. */
  readonly context: unknown;
  deadLetter(failure: DeliveryFailure): Promise<void>;
  /** Called while waiting between attempts (Kafka: heartbeat, so the group keeps the partition). */
  keepAlive?(): Promise<void>;
}

/** The transport is closing: the message stays unacknowledged and comes again. */
export class DeliveryAbortedError extends Error {
  override readonly name = 'DeliveryAbortedError';
}

const KEEP_ALIVE_EVERY_MS = 1_000;

export class EventDeliverer {
  constructor(
    private readonly policy: RetryPolicy,
    private readonly logger: LoggerService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async deliver(delivery: Delivery, abort?: AbortSignal): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = delivery.decode();
      assertSatisfiesContract(envelope);
    } catch (thrown) {
      // A function of the bytes alone (MalformedEnvelopeError, EventDataInvalidError, or anything
      // else decoding throws): it would fail the same way forever, so no retry.
      const error = asError(thrown);
      this.logger.error(`${delivery.description}: refused, dead-lettering: ${error.message}`);
      await delivery.deadLetter({ error, attempts: 0, failedAt: this.now() });
      return;
    }
    for (const route of delivery.routes) {
      await this.deliverTo(route, envelope, delivery, abort);
    }
  }

  private async deliverTo(route: EventRoute, envelope: EventEnvelope, delivery: Delivery, abort?: AbortSignal): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (abort?.aborted) throw new DeliveryAbortedError(`${delivery.description}: transport closing.`);
      try {
        await route.invoke(envelope, delivery.context);
        return;
      } catch (thrown) {
        const error = asError(thrown);
        const permanent = error instanceof UnprocessableEventError;
        if (permanent || attempt >= this.policy.maxAttempts) {
          this.logger.error(
            `${delivery.description}: ${route.handler} failed ${attempt} time(s) on ${envelope.type} ${envelope.id}, dead-lettering: ${error.message}`,
            error.stack,
          );
          await delivery.deadLetter({ error, attempts: attempt, handler: route.handler, failedAt: this.now() });
          return;
        }
        const waitMs = backoffMs(this.policy, attempt);
        this.logger.warn?.(
          `${delivery.description}: ${route.handler} failed on ${envelope.type} ${envelope.id} (attempt ${attempt}/${this.policy.maxAttempts}), retrying in ${waitMs} ms: ${error.message}`,
        );
        await this.wait(waitMs, delivery, abort);
      }
    }
  }

  private async wait(totalMs: number, delivery: Delivery, abort?: AbortSignal): Promise<void> {
    for (let left = totalMs; left > 0; left -= KEEP_ALIVE_EVERY_MS) {
      await sleep(Math.min(left, KEEP_ALIVE_EVERY_MS), abort);
      if (abort?.aborted) throw new DeliveryAbortedError(`${delivery.description}: transport closing.`);
      await delivery.keepAlive?.();
    }
  }
}

function sleep(ms: number, abort?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      abort?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    abort?.addEventListener('abort', done, { once: true });
  });
}

export function asError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  if (thrown && typeof thrown === 'object' && 'message' in thrown) {
    return Object.assign(new Error(String((thrown as { message: unknown }).message)), { cause: thrown });
  }
  return new Error(typeof thrown === 'string' ? thrown : JSON.stringify(thrown));
}
