/**
 * One agency's `agency-<agencyId>` stream: folded into the keys' state, and written through the
 * shared command handler (contract gate, expected version, retry on a concurrent append).
 */
import { upcastEvent } from '@lastri/contracts';
import { handleCommand, isHandlerContractViolation, readState } from '@lastri/decider';
import type { EventStore, NewEvent, StoredEvent } from '@lastri/event-store';
import { newId, uuidV5, type Clock } from '@lastri/kernel';

import type { AgencyKeyCommand } from '../../domain/agency-keys/agency-keys.commands';
import { decide } from '../../domain/agency-keys/agency-keys.decider';
import {
  isAgencyKeyError,
  refuse,
  type AgencyKeyError,
} from '../../domain/agency-keys/agency-keys.errors';
import {
  AGENCY_KEY_EVENT_TYPES,
  type AgencyKeyEvent,
} from '../../domain/agency-keys/agency-keys.events';
import {
  evolve,
  initialState,
  type AgencyKeysState,
} from '../../domain/agency-keys/agency-keys.state';
import type { KeyOperator } from './agency-keys-dependencies';

/** Outside the `referral-` prefix: not a resident's history, and never relayed to Kafka. */
export const AGENCY_STREAM_PREFIX = 'agency-';

export function agencyStreamName(agencyId: string): string {
  return `${AGENCY_STREAM_PREFIX}${agencyId}`;
}

/**
 * Event metadata v1 requires a residentId (UUID). An agency's stream is about no resident, so it
 * carries a fixed UUID derived from the agency id: it names no resident stream, so no resident's
 * history ever includes these events (docs/adr/0011-agency-api-keys.md).
 */
const AGENCY_SUBJECT_NAMESPACE = '4b0f7a36-5d0e-5c8e-9a51-6a1e0c3f2d11';
export function agencySubjectId(agencyId: string): string {
  return uuidV5(`agency:${agencyId}`, AGENCY_SUBJECT_NAMESPACE);
}

function recorded(stored: StoredEvent): AgencyKeyEvent | undefined {
  if (!(AGENCY_KEY_EVENT_TYPES as readonly string[]).includes(stored.type)) return undefined;
  return upcastEvent(stored) as AgencyKeyEvent;
}

export async function readAgencyKeys(
  store: EventStore,
  agencyId: string,
): Promise<AgencyKeysState> {
  const { state } = await readState(store, {
    stream: agencyStreamName(agencyId),
    recorded,
    initialState,
    evolve,
  });
  return state;
}

/** Decides the command on the agency's stream and appends what was decided; refusals come back as values. */
export async function runAgencyKeyCommand(
  store: EventStore,
  clock: Clock,
  command: AgencyKeyCommand,
  operator: KeyOperator,
): Promise<AgencyKeyEvent[] | AgencyKeyError> {
  const agencyId = command.data.agencyId;
  const correlationId = operator.correlationId ?? newId();
  let decided: AgencyKeyEvent[] = [];
  const outcome = await handleCommand<AgencyKeysState, AgencyKeyEvent, AgencyKeyError>(store, {
    stream: agencyStreamName(agencyId),
    recorded,
    initialState,
    evolve,
    decide: (state): NewEvent[] | AgencyKeyError => {
      const decision = decide(command, state);
      if (isAgencyKeyError(decision)) return decision;
      decided = decision;
      return decision.map((event) => ({
        id: newId(),
        type: event.type,
        schemaVersion: 1,
        data: event.data,
        metadata: {
          residentId: agencySubjectId(agencyId),
          correlationId,
          actor: operator.actor,
          occurredAt: clock.now().toISOString(),
        },
      }));
    },
  });
  if (outcome.ok) return decided;
  const refusal = outcome.refusal;
  if (isAgencyKeyError(refusal)) return refusal;
  if (isHandlerContractViolation(refusal)) return refuse.eventContractViolation(refusal.eventType);
  // Still concurrent after the handler's retries: keys change a few times a year, so this is a bug.
  throw new Error(
    `agency ${agencyId}: the key stream kept changing while deciding ${command.type}.`,
  );
}
