import {
  apiKeyActor,
  KeySourceUnavailableError,
  type Actor,
  type ApiKeyVerifier,
} from '@lastri/auth';
import { Inject, Injectable } from '@nestjs/common';

import { findAgency } from '../../domain/agencies';
import { isKeyUsable } from '../../domain/agency-keys/agency-keys.state';
import { parseApiKey } from '../../domain/agency-keys/api-key-format';
import { readAgencyKeys } from './agency-key-stream';
import { AGENCY_KEYS_DEPENDENCIES, type AgencyKeysDependencies } from './agency-keys-dependencies';
import { matchesHash } from './api-key-secret';

/**
 * The guard's ApiKeyVerifier: the key names its agency and key id, the agency's stream holds the
 * key's hash and whether it is revoked or expired. Read on every request rather than cached, so
 * a revocation holds at once on every replica; the stream is a handful of events.
 */
@Injectable()
export class AgencyApiKeyVerifier implements ApiKeyVerifier {
  constructor(@Inject(AGENCY_KEYS_DEPENDENCIES) private readonly deps: AgencyKeysDependencies) {}

  async verify(presentedKey: string): Promise<Actor | undefined> {
    const parts = parseApiKey(presentedKey);
    const agency = parts && findAgency(parts.agencyId);
    if (parts === undefined || agency === undefined) return undefined;
    const key = (await this.keysOf(parts.agencyId)).keys.get(parts.keyId);
    if (key === undefined || !matchesHash(presentedKey, key.keyHash)) return undefined;
    if (!isKeyUsable(key, this.deps.clock.now().toISOString())) return undefined;
    return apiKeyActor({ keyId: key.keyId, agencyId: agency.agencyId, agencyName: agency.name });
  }

  private async keysOf(agencyId: string) {
    try {
      return await readAgencyKeys(this.deps.store, agencyId);
    } catch (error) {
      // The key may be perfectly good: 503, not 401. The message names the agency, never the key.
      throw new KeySourceUnavailableError(`API keys of agency ${agencyId} could not be read`, {
        cause: error,
      });
    }
  }
}
