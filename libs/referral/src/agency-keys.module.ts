/**
 * Partner agencies' API keys as one Nest module: the operator's key API, and the ApiKeyVerifier
 * the host's global AuthGuard uses. Global, because the guard is registered by AuthModule and can
 * only see API_KEY_VERIFIER from a global module; import it once (the referral module does).
 * Needs the host's event store (EventStoreModule, global) and AuthModule.
 */
import { API_KEY_VERIFIER } from '@lastri/auth';
import { EVENT_STORE, type EventStore } from '@lastri/event-store';
import { systemClock, type Clock } from '@lastri/kernel';
import { Module, type DynamicModule } from '@nestjs/common';

import { AgencyApiKeyVerifier } from './application/agency-keys/agency-api-key.verifier';
import { AgencyApiKeys } from './application/agency-keys/agency-api-keys.query';
import {
  AGENCY_KEYS_DEPENDENCIES,
  type AgencyKeysDependencies,
} from './application/agency-keys/agency-keys-dependencies';
import { IssueApiKey } from './application/agency-keys/issue-api-key.handler';
import { RevokeApiKey } from './application/agency-keys/revoke-api-key.handler';
import { RotateApiKey } from './application/agency-keys/rotate-api-key.handler';
import { AgencyKeysController } from './api/http/agency-keys.controller';

export interface AgencyKeysModuleOptions {
  /** What expiry and grace periods are measured against; tests move it. */
  readonly clock?: Clock;
}

export const AGENCY_KEYS_CLOCK = Symbol('AGENCY_KEYS_CLOCK');

@Module({})
export class AgencyKeysModule {
  static forRoot(options: AgencyKeysModuleOptions = {}): DynamicModule {
    return {
      module: AgencyKeysModule,
      global: true,
      controllers: [AgencyKeysController],
      providers: [
        { provide: AGENCY_KEYS_CLOCK, useValue: options.clock ?? systemClock },
        {
          provide: AGENCY_KEYS_DEPENDENCIES,
          useFactory: (store: EventStore, clock: Clock): AgencyKeysDependencies => ({
            store,
            clock,
          }),
          inject: [EVENT_STORE, AGENCY_KEYS_CLOCK],
        },
        AgencyApiKeys,
        IssueApiKey,
        RotateApiKey,
        RevokeApiKey,
        AgencyApiKeyVerifier,
        { provide: API_KEY_VERIFIER, useExisting: AgencyApiKeyVerifier },
      ],
      exports: [API_KEY_VERIFIER],
    };
  }
}
