import { Inject, Injectable } from '@nestjs/common';

import { findAgency } from '../../domain/agencies';
import { refuse, type AgencyNotFound } from '../../domain/agency-keys/agency-keys.errors';
import { isKeyUsable, type AgencyKey } from '../../domain/agency-keys/agency-keys.state';
import { readAgencyKeys } from './agency-key-stream';
import { AGENCY_KEYS_DEPENDENCIES, type AgencyKeysDependencies } from './agency-keys-dependencies';

export type ApiKeyStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

/** A key as listed: its prefix, never the secret nor the hash. */
export interface ApiKeySummary {
  readonly keyId: string;
  readonly keyPrefix: string;
  readonly status: ApiKeyStatus;
  readonly issuedAt: string;
  readonly issuedBy: string;
  readonly expiresAt: string | null;
  readonly replacedBy: string | null;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
  readonly revocationReason: string | null;
}

export interface AgencyApiKeyList {
  readonly agencyId: string;
  readonly agencyName: string;
  readonly keys: readonly ApiKeySummary[];
}

@Injectable()
export class AgencyApiKeys {
  constructor(@Inject(AGENCY_KEYS_DEPENDENCIES) private readonly deps: AgencyKeysDependencies) {}

  /** The agency's keys in the order they were issued, with what each can do now. */
  async list(agencyId: string): Promise<AgencyApiKeyList | AgencyNotFound> {
    const agency = findAgency(agencyId);
    if (agency === undefined) return refuse.agencyNotFound(agencyId);
    const state = await readAgencyKeys(this.deps.store, agencyId);
    const now = this.deps.clock.now().toISOString();
    return {
      agencyId,
      agencyName: agency.name,
      keys: [...state.keys.values()].map((key) => summary(key, now)),
    };
  }
}

function summary(key: AgencyKey, now: string): ApiKeySummary {
  return {
    keyId: key.keyId,
    keyPrefix: key.keyPrefix,
    status: key.revoked !== undefined ? 'REVOKED' : isKeyUsable(key, now) ? 'ACTIVE' : 'EXPIRED',
    issuedAt: key.issuedAt,
    issuedBy: key.issuedBy,
    expiresAt: key.expiresAt,
    replacedBy: key.replacedBy ?? null,
    revokedAt: key.revoked?.revokedAt ?? null,
    revokedBy: key.revoked?.revokedBy ?? null,
    revocationReason: key.revoked?.reason ?? null,
  };
}
