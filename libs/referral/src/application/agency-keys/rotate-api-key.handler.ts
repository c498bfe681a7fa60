import { Inject, Injectable } from '@nestjs/common';

import type { AgencyKeyError } from '../../domain/agency-keys/agency-keys.errors';
import { runAgencyKeyCommand } from './agency-key-stream';
import {
  AGENCY_KEYS_DEPENDENCIES,
  type AgencyKeysDependencies,
  type KeyOperator,
} from './agency-keys-dependencies';
import { drawApiKey } from './api-key-secret';
import type { IssuedApiKey } from './issue-api-key.handler';

/** One day: time for an agency to deploy the new key before the old one stops. */
export const DEFAULT_GRACE_HOURS = 24;
export const MAX_GRACE_HOURS = 7 * 24;
const HOUR_MS = 60 * 60 * 1000;

export interface RotatedApiKey extends IssuedApiKey {
  readonly replaced: { readonly keyId: string; readonly graceUntil: string };
}

@Injectable()
export class RotateApiKey {
  constructor(@Inject(AGENCY_KEYS_DEPENDENCIES) private readonly deps: AgencyKeysDependencies) {}

  async handle(
    request: { agencyId: string; keyId: string; graceHours?: number },
    operator: KeyOperator,
  ): Promise<RotatedApiKey | AgencyKeyError> {
    const graceHours = request.graceHours ?? DEFAULT_GRACE_HOURS;
    if (!Number.isFinite(graceHours) || graceHours < 0 || graceHours > MAX_GRACE_HOURS) {
      // The DTO keeps HTTP callers inside the range; this guards the CLI and other callers.
      throw new RangeError(`graceHours must be from 0 to ${MAX_GRACE_HOURS}, got ${graceHours}.`);
    }
    const { key, ...stored } = drawApiKey(request.agencyId);
    const now = this.deps.clock.now();
    const rotatedAt = now.toISOString();
    const graceUntil = new Date(now.getTime() + graceHours * HOUR_MS).toISOString();
    const decided = await runAgencyKeyCommand(
      this.deps.store,
      this.deps.clock,
      {
        type: 'RotateApiKey',
        data: {
          agencyId: request.agencyId,
          keyId: request.keyId,
          newKey: stored,
          rotatedAt,
          rotatedBy: operator.actor,
          graceUntil,
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
      issuedAt: rotatedAt,
      expiresAt: null,
      replaced: { keyId: request.keyId, graceUntil },
    };
  }
}
