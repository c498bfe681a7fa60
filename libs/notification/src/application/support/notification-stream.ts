/**
 * Reading and writing one resident's `notification-<residentId>` stream: folded into the
 * decider's state, and written through the shared command handler (contract gate, expected
 * version, retry).
 */
import { catalogueEntry, residentStreamName, upcastEvent } from '@lastri/contracts';
import { handleCommand, isHandlerContractViolation, isHandlerVersionConflict, readState, type StreamVersion } from '@lastri/decider';
import type { EventMetadata, EventStore, NewEvent, StoredEvent } from '@lastri/event-store';

import { isNotificationError, type NotificationError } from '../../domain/notification.errors';
import { NOTIFICATION_EVENT_TYPES, type NotificationEvent } from '../../domain/notification.events';
import { evolve, initialState, type NotificationState } from '../../domain/notification.state';

const ATTEMPTS = 6;
const TYPES = new Set<string>(NOTIFICATION_EVENT_TYPES);

/** An event the decider produced, with the id and metadata it will be stored under. */
export interface EventToAppend {
  readonly event: NotificationEvent;
  readonly id: string;
  readonly metadata: EventMetadata;
}

/** Failures that are not refusals: a bug. Thrown, never returned. */
export class InvalidNotificationEvent extends Error {
  override readonly name = 'InvalidNotificationEvent';
}

/** Another writer appended since the version the caller read and asked to be appended after. */
export class NotificationStreamMoved extends Error {
  override readonly name = 'NotificationStreamMoved';
}

export class NotificationStream {
  constructor(private readonly store: EventStore) {}

  async read(residentId: string): Promise<{ state: NotificationState; version: StreamVersion }> {
    const { state, version } = await readState(this.store, foldOf(residentId));
    return { state, version };
  }

  /**
   * Decides on the stream as it stands and appends what was decided. Without `expectedVersion` a
   * concurrent append means reading and deciding again; with it (the dispatcher recording what it
   * did with the version it dispatched on), a moved stream throws NotificationStreamMoved.
   */
  async update(
    residentId: string,
    decide: (state: NotificationState) => readonly EventToAppend[] | NotificationError,
    options: { expectedVersion?: number } = {},
  ): Promise<StoredEvent[] | NotificationError> {
    const outcome = await handleCommand<NotificationState, NotificationEvent, NotificationError>(this.store, {
      ...foldOf(residentId),
      decide: (state) => {
        const decided = decide(state);
        return isNotificationError(decided) ? decided : decided.map(toNewEvent);
      },
      attempts: ATTEMPTS,
      ...(options.expectedVersion !== undefined ? { expectedVersion: options.expectedVersion } : {}),
    });
    if (outcome.ok) return [...outcome.stored];
    const { refusal } = outcome;
    if (isHandlerContractViolation(refusal)) {
      throw new InvalidNotificationEvent(`${refusal.eventType} would break its contract: ${refusal.issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`);
    }
    if (isHandlerVersionConflict(refusal)) {
      throw new NotificationStreamMoved(`notification-${residentId} moved from version ${String(refusal.expected)} to ${String(refusal.actual)}`);
    }
    return refusal;
  }
}

export function recordedNotificationEvent(stored: StoredEvent): NotificationEvent | undefined {
  if (!TYPES.has(stored.type)) return undefined;
  const { type, data } = upcastEvent(stored);
  return { type, data } as NotificationEvent;
}

function foldOf(residentId: string) {
  return { stream: residentStreamName('notification', residentId), initialState, evolve, recorded: recordedNotificationEvent };
}

function toNewEvent({ event, id, metadata }: EventToAppend): NewEvent {
  return { id, type: event.type, schemaVersion: catalogueEntry(event.type).latestVersion, data: event.data, metadata };
}
