/**
 * The referral context as one Nest module, for any host: it needs the host to provide the event
 * store (EventStoreModule, global) and authentication (AuthModule's global guard), and to run an
 * event transport (Kafka, or the embedded store transport) for ReferralInputsConsumer under the
 * consumer name REFERRAL_CONSUMER. It checks referral deadlines by itself (DeadlineScheduler) and
 * brings the partner agencies' API keys (AgencyKeysModule, which gives the guard its verifier).
 */
import { EVENT_STORE, type EventStore } from '@lastri/event-store';
import { INDONESIAN_WORKING_DAYS, systemClock, type Clock, type WorkingDayCalendar } from '@lastri/kernel';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';

import { AgencyKeysModule } from './agency-keys.module';
import { CancelOnCaseWithdrawn } from './application/cancel-on-case-withdrawn/cancel-on-case-withdrawn';
import { EscalateOverdue } from './application/escalate-overdue/escalate-overdue';
import { ReferralQueries } from './application/queries/referral-queries';
import { ReferOnEligibility } from './application/refer-on-eligibility/refer-on-eligibility';
import type { ReferralDependencies } from './application/referral-dependencies';
import { ReferralSteps } from './application/referral-steps/referral-steps';
import { ReferralIndex } from './application/support/referral-index';
import type { RoutingTable } from './domain/routing/routing-table';
import { loadRoutingTable } from './infrastructure/routing-table-file';
import { DeadlineScheduler } from './api/deadline.scheduler';
import { ReferralInputsConsumer } from './api/events/referral-inputs.consumer';
import { AgencyReferralsController } from './api/http/agency-referrals.controller';
import { ReferralsController } from './api/http/referrals.controller';
import { DEADLINE_CHECK_EVERY_MS, REFERRAL_CLOCK, REFERRAL_DEPENDENCIES, ROUTING_TABLE } from './api/referral.tokens';

export interface ReferralModuleOptions {
  readonly clock?: Clock;
  /** Programme → agency and deadlines; default: this library's routing table file, checked at start. */
  readonly routingTable?: RoutingTable;
  /** Working days for deadlines; default: Indonesia's, from the kernel's holiday file. */
  readonly calendar?: WorkingDayCalendar;
  /**
   * Escalate missed deadlines: checked at start and then every `checkEveryMs` (default every
   * minute). `false` for a host that leaves it to another replica (any number may run it).
   */
  readonly deadlines?: false | { readonly checkEveryMs?: number };
}

const EVERY_MINUTE = 60 * 1000;

@Module({})
export class ReferralModule {
  static forRoot(options: ReferralModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: ROUTING_TABLE, useFactory: () => options.routingTable ?? loadRoutingTable() },
      { provide: REFERRAL_CLOCK, useValue: options.clock ?? systemClock },
      {
        provide: REFERRAL_DEPENDENCIES,
        useFactory: (store: EventStore, clock: Clock, routing: RoutingTable): ReferralDependencies => ({
          store,
          clock,
          routing,
          calendar: options.calendar ?? INDONESIAN_WORKING_DAYS,
        }),
        inject: [EVENT_STORE, REFERRAL_CLOCK, ROUTING_TABLE],
      },
      ReferralIndex,
      ReferralQueries,
      ReferOnEligibility,
      CancelOnCaseWithdrawn,
      ReferralSteps,
      EscalateOverdue,
    ];
    if (options.deadlines !== false) {
      providers.push({ provide: DEADLINE_CHECK_EVERY_MS, useValue: options.deadlines?.checkEveryMs ?? EVERY_MINUTE }, DeadlineScheduler);
    }
    return {
      module: ReferralModule,
      imports: [AgencyKeysModule.forRoot({ clock: options.clock })],
      controllers: [AgencyReferralsController, ReferralsController, ReferralInputsConsumer],
      providers,
      exports: [ROUTING_TABLE, ReferralQueries, EscalateOverdue],
    };
  }
}
