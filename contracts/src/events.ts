/**
 * The typed view of LASTRI's events: `LastriEvent` is the discriminated union a decider's
 * `evolve` or a consumer switches on, always at each type's latest schema version (read older
 * stored events through `upcastEvent` first).
 */
import type { EventDataByVersion, latestSchemaVersions } from './generated';
import type { EventContext, EventType, EventTypeOf } from './wire-names';

export type SchemaVersion<T extends EventType> = keyof EventDataByVersion[T] & number;
export type LatestSchemaVersion<T extends EventType> = (typeof latestSchemaVersions)[T];

/** The data of event type T at schema version V (default: the latest). */
export type EventData<
  T extends EventType,
  // The intersection only tells the compiler, for a T not yet known, that the latest version is one of T's.
  V extends SchemaVersion<T> = LatestSchemaVersion<T> & SchemaVersion<T>,
> = EventDataByVersion[T][V];

export type LastriEvent = {
  [T in EventType]: { type: T; schemaVersion: LatestSchemaVersion<T>; data: EventData<T> };
}[EventType];

export type LastriEventOf<T extends EventType> = Extract<LastriEvent, { type: T }>;
export type ContextEvent<C extends EventContext> = LastriEventOf<EventTypeOf<C>>;

export type IntakeEvent = ContextEvent<'intake'>;
export type EligibilityEvent = ContextEvent<'eligibility'>;
export type ReferralEvent = ContextEvent<'referral'>;
export type NotificationEvent = ContextEvent<'notification'>;

/** An event as the store or Kafka hands it over: any type name, any version, unchecked data. */
export interface UntypedEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}
