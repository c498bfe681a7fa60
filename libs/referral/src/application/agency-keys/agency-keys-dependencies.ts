import type { EventStore } from '@lastri/event-store';
import type { Clock } from '@lastri/kernel';

/** What the agency-key use cases need, provided as one value so that a spec builds them with `new`. */
export interface AgencyKeysDependencies {
  readonly store: EventStore;
  readonly clock: Clock;
}

export const AGENCY_KEYS_DEPENDENCIES = Symbol('AGENCY_KEYS_DEPENDENCIES');

/** Who asks: the actor as event metadata records it (`admin:<sub>`), and the request's correlation id. */
export interface KeyOperator {
  readonly actor: string;
  readonly correlationId?: string;
}
