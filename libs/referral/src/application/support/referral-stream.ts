/**
 * Reading and writing one resident's `referral-<residentId>` stream: folded into the decider's
 * state, and written through the shared command handler (contract gate, expected version, retry).
 * The expected version is what makes two replicas deciding the same escalation converge: the
 * second append fails, is decided again on the new state, and the decider refuses it.
 */
import { catalogueEntry, residentStreamName, upcastEvent } from '@lastri/contracts';
import { handleCommand, isHandlerContractViolation, isHandlerVersionConflict, readState } from '@lastri/decider';
import { WrongExpectedVersionError, type EventMetadata, type EventStore, type NewEvent, type StoredEvent } from '@lastri/event-store';

import { isReferralError, refuse, type ReferralError } from '../../domain/referral.errors';
import { REFERRAL_EVENT_TYPES, type ReferralEvent } from '../../domain/referral.events';
import { evolve, initialState, type ReferralState } from '../../domain/referral.state';
import { InvalidReferralEvent } from './application-errors';

const ATTEMPTS = 6;
const TYPES = new Set<string>(REFERRAL_EVENT_TYPES);

/** An event the decider produced, with the id and metadata it will be stored under. */
export interface EventToAppend {
  readonly event: ReferralEvent;
  readonly id: string;
  readonly metadata: EventMetadata;
}

export class ReferralStream {
  constructor(private readonly store: EventStore) {}

  async read(residentId: string): Promise<ReferralState> {
    return (await readState(this.store, foldOf(residentId))).state;
  }

  /**
   * Decides on the stream as it stands and appends what was decided; a concurrent append means
   * reading and deciding again. Returns what was stored (nothing when nothing was decided), or
   * the decider's refusal. A command whose event would break its contract is the caller's
   * `EventContractViolation` when `contractBreachIsInput`, else a thrown bug.
   */
  async update(
    residentId: string,
    decide: (state: ReferralState) => readonly EventToAppend[] | ReferralError,
    options: { contractBreachIsInput?: boolean } = {},
  ): Promise<StoredEvent[] | ReferralError> {
    const stream = residentStreamName('referral', residentId);
    const outcome = await handleCommand<ReferralState, ReferralEvent, ReferralError>(this.store, {
      ...foldOf(residentId),
      decide: (state) => {
        const decided = decide(state);
        return isReferralError(decided) ? decided : decided.map(toNewEvent);
      },
      attempts: ATTEMPTS,
    });
    if (outcome.ok) return [...outcome.stored];
    const { refusal } = outcome;
    if (isHandlerContractViolation(refusal)) {
      if (options.contractBreachIsInput) {
        return refuse.eventContractViolation(
          refusal.eventType,
          refusal.issues.map((issue) => issue.path.replace(/^\//, '').replace(/\//g, '.') || '/'),
        );
      }
      throw new InvalidReferralEvent(refusal.eventType, refusal.issues);
    }
    if (isHandlerVersionConflict(refusal)) throw new WrongExpectedVersionError(stream, refusal.expected, refusal.actual);
    return refusal;
  }
}

export function recordedReferralEvent(stored: StoredEvent): ReferralEvent | undefined {
  if (!TYPES.has(stored.type)) return undefined;
  const { type, data } = upcastEvent(stored);
  return { type, data } as ReferralEvent;
}

function foldOf(residentId: string) {
  return { stream: residentStreamName('referral', residentId), initialState, evolve, recorded: recordedReferralEvent };
}

function toNewEvent({ event, id, metadata }: EventToAppend): NewEvent {
  return { id, type: event.type, schemaVersion: catalogueEntry(event.type).latestVersion, data: event.data, metadata };
}
