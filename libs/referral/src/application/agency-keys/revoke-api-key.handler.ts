import { Inject, Injectable } from '@nestjs/common';

import type { AgencyKeyError } from '../../domain/agency-keys/agency-keys.errors';
import { runAgencyKeyCommand } from './agency-key-stream';
import {
  AGENCY_KEYS_DEPENDENCIES,
  type AgencyKeysDependencies,
  type KeyOperator,
} from './agency-keys-dependencies';

export interface RevokedApiKey {
  readonly agencyId: string;
  readonly keyId: string;
  readonly revokedAt: string;
}

/**
 * The key stops authenticating with the next request: the verifier reads the agency's stream on
 * every request (no cache), on every replica.
 */
@Injectable()
export class RevokeApiKey {
  constructor(@Inject(AGENCY_KEYS_DEPENDENCIES) private readonly deps: AgencyKeysDependencies) {}

  async handle(
    request: { agencyId: string; keyId: string; reason: string },
    operator: KeyOperator,
  ): Promise<RevokedApiKey | AgencyKeyError> {
    const revokedAt = this.deps.clock.now().toISOString();
    const decided = await runAgencyKeyCommand(
      this.deps.store,
      this.deps.clock,
      { type: 'RevokeApiKey', data: { ...request, revokedAt, revokedBy: operator.actor } },
      operator,
    );
    if (!Array.isArray(decided)) return decided;
    return { agencyId: request.agencyId, keyId: request.keyId, revokedAt };
  }
}
