/**
 * Intake's events are the published contract types themselves (contracts/events/intake), so a
 * decider that compiles cannot emit a field the schema does not have. `evolve` reads them as
 * recorded: with the id and the instant the store keeps, which the CaseSubmitted snapshot cites.
 */
import { eventCatalogue, type IntakeEvent, type LastriEventOf } from '@lastri/contracts';

export type { IntakeEvent };
export type IntakeEventType = IntakeEvent['type'];
export type IntakeEventOf<T extends IntakeEventType> = LastriEventOf<T>;

export interface RecordedEventMetadata {
  eventId: string;
  occurredAt: string;
}

export type RecordedIntakeEvent = IntakeEvent & { metadata: RecordedEventMetadata };

/** Builds an event at its type's latest schema version, so call sites name only the type and the data. */
export function intakeEvent<T extends IntakeEventType>(
  type: T,
  data: IntakeEventOf<T>['data'],
): IntakeEventOf<T> {
  return { type, schemaVersion: eventCatalogue[type].latestVersion, data } as IntakeEventOf<T>;
}
