import type { EventStore } from '@lastri/event-store';
import type { Clock } from '@lastri/kernel';

import type { RetryPolicy } from '../domain/notification.commands';
import type { NotificationChannels } from './channels';

/** The injection token of NotificationDependencies: the Nest module provides one set per application. */
export const NOTIFICATION_DEPENDENCIES = Symbol('NOTIFICATION_DEPENDENCIES');

/** What every use case of the context works with. */
export interface NotificationDependencies {
  readonly store: EventStore;
  readonly clock: Clock;
  /** The channels this deployment can send over; one not configured is absent. */
  readonly channels: NotificationChannels;
  readonly retry: RetryPolicy;
}

/** Five attempts, 1 min → 2 → 4 → 8 min apart: a gateway out for a quarter of an hour loses nothing. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, firstDelayMs: 60_000, maxDelayMs: 60 * 60_000 };

/** The actor notification's own reactions (consumer, dispatcher) are recorded under. */
export const NOTIFICATION_SERVICE_ACTOR = 'service:notification';

/** Another context's event as a consumer receives it (the messaging envelope satisfies this). */
export interface EventReceived<Data> {
  readonly id: string;
  readonly type: string;
  readonly residentId: string;
  readonly correlationId: string;
  readonly data: Data;
}

/** Who issues a command from the API: the actor as event metadata names it, and the request's correlation id. */
export interface CommandIssuer {
  readonly actor: string;
  readonly correlationId?: string;
}
