import type { EventStore } from '@lastri/event-store';
import type { Clock } from '@lastri/kernel';

import type { RuleCatalogue } from '../domain/rules/rule-catalogue';

/** The injection token of EligibilityDependencies: the Nest module provides one set per application. */
export const ELIGIBILITY_DEPENDENCIES = Symbol('ELIGIBILITY_DEPENDENCIES');

/** What every use case of the context works with. */
export interface EligibilityDependencies {
  readonly store: EventStore;
  readonly catalogue: RuleCatalogue;
  readonly clock: Clock;
}

/** The actor eligibility's own reactions are recorded under. */
export const ELIGIBILITY_SERVICE_ACTOR = 'service:eligibility';

/** An intake event as a consumer receives it (the messaging envelope satisfies this). */
export interface IntakeEventReceived<Data> {
  readonly id: string;
  readonly type: string;
  readonly residentId: string;
  readonly correlationId: string;
  readonly data: Data;
}
