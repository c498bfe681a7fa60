/**
 * The agency-key use cases on a real in-memory SQLite event store, with a clock the spec moves:
 * what the application specs and the API spec share.
 */
import { createEventStore, type EventStore } from '@lastri/event-store';
import type { Clock } from '@lastri/kernel';

import { AgencyApiKeyVerifier } from '../application/agency-keys/agency-api-key.verifier';
import { AgencyApiKeys } from '../application/agency-keys/agency-api-keys.query';
import type {
  AgencyKeysDependencies,
  KeyOperator,
} from '../application/agency-keys/agency-keys-dependencies';
import { IssueApiKey } from '../application/agency-keys/issue-api-key.handler';
import { RevokeApiKey } from '../application/agency-keys/revoke-api-key.handler';
import { RotateApiKey } from '../application/agency-keys/rotate-api-key.handler';
import { isAgencyKeyError, type AgencyKeyError } from '../domain/agency-keys/agency-keys.errors';

export const OPERATOR: KeyOperator = { actor: 'admin:op-dinsos-01' };

/** A clock that stands still until the spec moves it. */
export class MovableClock implements Clock {
  private current: Date;
  constructor(at: string) {
    this.current = new Date(at);
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(hours: number): void {
    this.current = new Date(this.current.getTime() + hours * 60 * 60 * 1000);
  }
}

export class AgencyKeysWorld {
  readonly issue: IssueApiKey;
  readonly rotate: RotateApiKey;
  readonly revoke: RevokeApiKey;
  readonly keys: AgencyApiKeys;
  readonly verifier: AgencyApiKeyVerifier;

  private constructor(
    readonly store: EventStore,
    readonly clock: MovableClock,
  ) {
    const deps: AgencyKeysDependencies = { store, clock };
    this.issue = new IssueApiKey(deps);
    this.rotate = new RotateApiKey(deps);
    this.revoke = new RevokeApiKey(deps);
    this.keys = new AgencyApiKeys(deps);
    this.verifier = new AgencyApiKeyVerifier(deps);
  }

  static async create(at = '2025-11-12T02:00:00.000Z'): Promise<AgencyKeysWorld> {
    return new AgencyKeysWorld(await createEventStore('sqlite::memory:'), new MovableClock(at));
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** The value, or the spec fails naming the refusal it got instead. */
export function accepted<T>(answer: T): Exclude<T, AgencyKeyError> {
  if (isAgencyKeyError(answer))
    throw new Error(`expected the command to succeed, got ${JSON.stringify(answer)}`);
  return answer as Exclude<T, AgencyKeyError>;
}
