import { Inject, Injectable } from '@nestjs/common';

import type { AgencyKeyError } from '../../domain/agency-keys/agency-keys.errors';
import { runAgencyKeyCommand } from './agency-key-stream';
import {
  AGENCY_KEYS_DEPENDENCIES,
  type AgencyKeysDependencies,
  type KeyOperator,
} from './agency-keys-dependencies';
import { drawApiKey } from './api-key-secret';

/** A key as given to the operator, once: only its hash is kept, so it cannot be shown again. */
export interface IssuedApiKey {
  readonly agencyId: string;
  readonly keyId: string;
  readonly key: string;
  readonly keyPrefix: string;
  readonly issuedAt: string;
  readonly expiresAt: string | null;
}

@Injectable()
export class IssueApiKey {
  constructor(@Inject(AGENCY_KEYS_DEPENDENCIES) private readonly deps: AgencyKeysDependencies) {}

  async handle(
    request: { agencyId: string; expiresAt?: string | null },
    operator: KeyOperator,
  ): Promise<IssuedApiKey | AgencyKeyError> {
    const { key, ...stored } = drawApiKey(request.agencyId);
    const issuedAt = this.deps.clock.now().toISOString();
    const expiresAt = request.expiresAt ?? null;
    const decided = await runAgencyKeyCommand(
      this.deps.store,
      this.deps.clock,
      {
        type: 'IssueApiKey',
        data: {
          agencyId: request.agencyId,
          key: stored,
          issuedAt,
          issuedBy: operator.actor,
          expiresAt,
        },
      },
      operator,
    );
    if (!Array.isArray(decided)) return decided;
    return {
      agencyId: request.agencyId,
      keyId: stored.keyId,
      key,
      keyPrefix: stored.keyPrefix,
      issuedAt,
      expiresAt,
    };
  }
}
