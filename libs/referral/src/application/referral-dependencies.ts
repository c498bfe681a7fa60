import type { EventStore } from '@lastri/event-store';
import type { Clock, WorkingDayCalendar } from '@lastri/kernel';

import type { RoutingTable } from '../domain/routing/routing-table';

/** The injection token of ReferralDependencies: the Nest module provides one set per application. */
export const REFERRAL_DEPENDENCIES = Symbol('REFERRAL_DEPENDENCIES');

/** What every use case of the context works with. */
export interface ReferralDependencies {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly routing: RoutingTable;
  readonly calendar: WorkingDayCalendar;
}

/** The actor referral's own reactions (consumer, scheduler) are recorded under. */
export const REFERRAL_SERVICE_ACTOR = 'service:referral';

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
  /** `<role>:<userId>`, or `agency:<agencyId>:…` for an agency's user or key. */
  readonly actor: string;
  readonly correlationId?: string;
}
