/**
 * Referral's use cases wired to a real event store, with eligibility's and intake's events appended
 * the way those contexts append them: what the application specs drive. Not exported.
 */
import type { CaseWithdrawnV1Data, EligibilityOverriddenV1Data, ManualReviewDecidedV1Data } from '@lastri/contracts';
import { catalogueEntry, EventTypes, residentStreamName, validateEventData, type EventType } from '@lastri/contracts';
import { createEventStore, type EventStore, type NewEvent, type StoredEvent } from '@lastri/event-store';
import { INDONESIAN_WORKING_DAYS, newId, type Clock } from '@lastri/kernel';

import { CancelOnCaseWithdrawn } from '../application/cancel-on-case-withdrawn/cancel-on-case-withdrawn';
import { EscalateOverdue } from '../application/escalate-overdue/escalate-overdue';
import { ReferralQueries } from '../application/queries/referral-queries';
import { ReferOnEligibility } from '../application/refer-on-eligibility/refer-on-eligibility';
import type { EventReceived, ReferralDependencies } from '../application/referral-dependencies';
import { ReferralSteps } from '../application/referral-steps/referral-steps';
import { ReferralIndex } from '../application/support/referral-index';
import { loadRoutingTable } from '../infrastructure/routing-table-file';
import { determination, residentRegistered, type ProgrammeOutcome } from './eligibility-events.fixture';

/** A clock a test moves. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: string): void {
    this.current = new Date(at);
  }
}

/** Friday 14 November 2025, 10:00 WIB. */
export const A_FRIDAY = '2025-11-14T03:00:00.000Z';

export class ReferralWorld {
  readonly deps: ReferralDependencies;
  readonly index: ReferralIndex;
  readonly refer: ReferOnEligibility;
  readonly cancelOnWithdrawal: CancelOnCaseWithdrawn;
  readonly steps: ReferralSteps;
  readonly escalate: EscalateOverdue;
  readonly queries: ReferralQueries;

  constructor(
    readonly store: EventStore,
    readonly clock = new TestClock(new Date(A_FRIDAY)),
  ) {
    this.deps = { store, clock, routing: loadRoutingTable(), calendar: INDONESIAN_WORKING_DAYS };
    this.index = new ReferralIndex(store);
    this.refer = new ReferOnEligibility(this.deps);
    this.cancelOnWithdrawal = new CancelOnCaseWithdrawn(this.deps);
    this.steps = new ReferralSteps(this.deps, this.index);
    this.escalate = new EscalateOverdue(this.deps, this.index);
    this.queries = new ReferralQueries(store, this.index);
  }

  static async inMemory(): Promise<ReferralWorld> {
    return new ReferralWorld(await createEventStore('sqlite::memory:'));
  }

  /** Another process over the same store: what a restart or a second replica looks like. */
  replica(): ReferralWorld {
    return new ReferralWorld(this.store, this.clock);
  }

  async registerResident(residentId: string, name = 'Siti Aminah', kelurahanCode?: string): Promise<void> {
    await this.append('intake', residentId, EventTypes.ResidentRegistered, residentRegistered(residentId, name, kelurahanCode));
  }

  /** Eligibility determined the case: returns the message as the consumer gets it. */
  async determine(
    residentId: string,
    programmes: readonly ProgrammeOutcome[],
    options: { caseId?: string; kelurahanCode?: string; trigger?: 'CASE_SUBMITTED' | 'CIRCUMSTANCES_CHANGED' } = {},
  ): Promise<EventReceived<ReturnType<typeof determination>>> {
    const caseId = options.caseId ?? newId();
    const data = determination({ caseId, determinationId: newId(), programmes, kelurahanCode: options.kelurahanCode, trigger: options.trigger });
    return received(await this.append('eligibility', residentId, EventTypes.EligibilityDetermined, data, caseId));
  }

  async override(residentId: string, caseId: string, determinationId: string, programme: ProgrammeOutcome[0], eligible: boolean): Promise<EventReceived<EligibilityOverriddenV1Data>> {
    const data: EligibilityOverriddenV1Data = {
      caseId,
      determinationId,
      programme,
      eligible,
      reason: 'Hasil kunjungan rumah.',
      overriddenBy: { userId: 'supervisor-dinsos-01', role: 'DINSOS_SUPERVISOR' },
    };
    return received(await this.append('eligibility', residentId, EventTypes.EligibilityOverridden, data, caseId));
  }

  /** Eligibility raised a manual review, and a supervisor decided it: returns the decision as the consumer gets it. */
  async reviewDecided(
    residentId: string,
    caseId: string,
    review: { programmes: ProgrammeOutcome[0][]; decision: ManualReviewDecidedV1Data['decision']; decided?: ManualReviewDecidedV1Data['programmes'] },
  ): Promise<EventReceived<ManualReviewDecidedV1Data>> {
    const reviewId = newId();
    await this.append('eligibility', residentId, EventTypes.ManualReviewRequired, {
      caseId,
      reviewId,
      programmes: review.programmes,
      reasons: [{ code: 'NEEDS_JUDGEMENT', description: 'Perlu penilaian petugas.' }],
    }, caseId);
    const data: ManualReviewDecidedV1Data = {
      reviewId,
      caseId,
      decision: review.decision,
      ...(review.decided ? { programmes: review.decided } : {}),
      reason: 'Hasil verifikasi lapangan.',
      decidedBy: { userId: 'supervisor-dinsos-01', role: 'DINSOS_SUPERVISOR' },
    };
    return received(await this.append('eligibility', residentId, EventTypes.ManualReviewDecided, data, caseId));
  }

  async withdrawCase(residentId: string, caseId: string): Promise<EventReceived<CaseWithdrawnV1Data>> {
    return received(await this.append('intake', residentId, EventTypes.CaseWithdrawn, { caseId, reason: 'Keluarga pindah.' }, caseId));
  }

  referralEvents(residentId: string): Promise<StoredEvent[]> {
    return this.store.readStream(residentStreamName('referral', residentId));
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async append(context: 'intake' | 'eligibility', residentId: string, type: EventType, data: unknown, caseId?: string): Promise<StoredEvent> {
    const schemaVersion = catalogueEntry(type).latestVersion;
    const validation = validateEventData(type, schemaVersion, data);
    if (!validation.ok) throw new Error(`Test fixture ${type} breaks its contract: ${JSON.stringify(validation.errors)}`);
    const event: NewEvent = {
      id: newId(),
      type,
      schemaVersion,
      data,
      metadata: {
        residentId,
        ...(caseId ? { caseId } : {}),
        correlationId: newId(),
        actor: `service:${context}`,
        occurredAt: this.clock.now().toISOString(),
      },
    };
    const { appended } = await this.store.append(residentStreamName(context, residentId), [event], 'any');
    return appended[0];
  }
}

export function received<Data>(stored: StoredEvent): EventReceived<Data> {
  return { id: stored.id, type: stored.type, residentId: stored.metadata.residentId, correlationId: stored.metadata.correlationId, data: stored.data as Data };
}
