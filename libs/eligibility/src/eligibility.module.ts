/**
 * The eligibility context as one Nest module, for any host: it needs the host to provide the
 * event store (EventStoreModule, global) and authentication (AuthModule's global guard), and to
 * run an event transport (Kafka, or the embedded store transport) for IntakeEventsConsumer. It
 * republishes the rules by itself when a version takes effect (RepublicationScheduler).
 */
import { EVENT_STORE, type EventStore } from '@lastri/event-store';
import { systemClock, type Clock } from '@lastri/kernel';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';

import { EligibilityCaseIndex } from './application/case-index/eligibility-case-index';
import { DecideManualReview } from './application/decide-manual-review/decide-manual-review';
import { DetermineSubmittedCase } from './application/determine-submitted-case/determine-submitted-case';
import type { EligibilityDependencies } from './application/eligibility-dependencies';
import { OverrideOutcome } from './application/override-outcome/override-outcome';
import { EligibilityQueries } from './application/queries/eligibility-queries';
import { ReevaluateOnIntakeFacts } from './application/reevaluate-on-intake-facts/reevaluate-on-intake-facts';
import { RepublishOnEffectiveDate } from './application/republish-rules/republish-on-effective-date';
import { RepublishRules } from './application/republish-rules/republish-rules';
import { RerunDetermination } from './application/rerun-determination/rerun-determination';
import type { RuleCatalogue } from './domain/rules/rule-catalogue';
import { loadRuleCatalogue } from './infrastructure/rule-files';
import { ELIGIBILITY_CLOCK, ELIGIBILITY_DEPENDENCIES, RULE_CATALOGUE } from './api/eligibility.tokens';
import { IntakeEventsConsumer } from './api/events/intake-events.consumer';
import { DeterminationsController } from './api/http/determinations.controller';
import { ManualReviewsController } from './api/http/manual-reviews.controller';
import { RuleSetsController } from './api/http/rule-sets.controller';
import { REPUBLICATION_CHECK_EVERY_MS, RepublicationScheduler } from './api/republication.scheduler';

export interface EligibilityModuleOptions {
  /** The published rule sets; default: the rule files of this library, checked at start. */
  readonly catalogue?: RuleCatalogue;
  readonly clock?: Clock;
  /**
   * Republish the rules when a version takes effect: checked at start and then every
   * `checkEveryMs` (default hourly). `false` leaves republication to the API and the CLI.
   */
  readonly republishWhenRulesTakeEffect?: false | { readonly checkEveryMs?: number };
}

const HOURLY = 60 * 60 * 1000;

@Module({})
export class EligibilityModule {
  static forRoot(options: EligibilityModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: RULE_CATALOGUE, useFactory: () => options.catalogue ?? loadRuleCatalogue() },
      { provide: ELIGIBILITY_CLOCK, useValue: options.clock ?? systemClock },
      {
        provide: ELIGIBILITY_DEPENDENCIES,
        useFactory: (store: EventStore, catalogue: RuleCatalogue, clock: Clock): EligibilityDependencies => ({ store, catalogue, clock }),
        inject: [EVENT_STORE, RULE_CATALOGUE, ELIGIBILITY_CLOCK],
      },
      EligibilityCaseIndex,
      EligibilityQueries,
      DetermineSubmittedCase,
      ReevaluateOnIntakeFacts,
      RerunDetermination,
      DecideManualReview,
      OverrideOutcome,
      RepublishRules,
    ];
    if (options.republishWhenRulesTakeEffect !== false) {
      providers.push(
        RepublishOnEffectiveDate,
        { provide: REPUBLICATION_CHECK_EVERY_MS, useValue: options.republishWhenRulesTakeEffect?.checkEveryMs ?? HOURLY },
        RepublicationScheduler,
      );
    }
    return {
      module: EligibilityModule,
      controllers: [DeterminationsController, ManualReviewsController, RuleSetsController, IntakeEventsConsumer],
      providers,
      exports: [RULE_CATALOGUE, RepublishRules, RerunDetermination, EligibilityQueries],
    };
  }
}
