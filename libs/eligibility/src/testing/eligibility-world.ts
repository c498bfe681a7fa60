/**
 * Eligibility's use cases wired to a real event store, with intake's events appended the way
 * intake appends them: what the application tests drive. Not exported from the library.
 */
import type { CaseSubmittedV1Data, CaseSubmittedV2Data, CircumstancesChangedV1Data } from '@lastri/contracts';
import { catalogueEntry, EventTypes, residentStreamName, upcast, validateEventData } from '@lastri/contracts';
import { createEventStore, type EventStore, type NewEvent, type StoredEvent } from '@lastri/event-store';
import { newId, type Clock } from '@lastri/kernel';

import { EligibilityCaseIndex } from '../application/case-index/eligibility-case-index';
import { DecideManualReview } from '../application/decide-manual-review/decide-manual-review';
import { DetermineSubmittedCase } from '../application/determine-submitted-case/determine-submitted-case';
import type { EligibilityDependencies, IntakeEventReceived } from '../application/eligibility-dependencies';
import { OverrideOutcome } from '../application/override-outcome/override-outcome';
import { EligibilityQueries } from '../application/queries/eligibility-queries';
import { ReevaluateOnIntakeFacts } from '../application/reevaluate-on-intake-facts/reevaluate-on-intake-facts';
import { RepublishRules } from '../application/republish-rules/republish-rules';
import { RerunDetermination } from '../application/rerun-determination/rerun-determination';
import type { CommandIssuer } from '../application/supervisor-command';
import type { RuleCatalogue } from '../domain/rules/rule-catalogue';
import { caseSubmitted, circumstancesChanged, type CaseOptions } from './case-submitted.fixture';
import { publishedCatalogue } from './rules.fixture';

export const SUPERVISOR: CommandIssuer = {
  decidedBy: { userId: 'supervisor-dinsos-01', role: 'DINSOS_SUPERVISOR' },
  actor: 'supervisor:supervisor-dinsos-01',
};

/** A clock a test moves forward. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: string): void {
    this.current = new Date(at);
  }
}

export class EligibilityWorld {
  readonly deps: EligibilityDependencies;
  readonly index: EligibilityCaseIndex;
  readonly queries: EligibilityQueries;
  readonly determine: DetermineSubmittedCase;
  readonly reevaluate: ReevaluateOnIntakeFacts;
  readonly decideReview: DecideManualReview;
  readonly override: OverrideOutcome;
  readonly republish: RepublishRules;
  readonly rerun: RerunDetermination;

  constructor(
    readonly store: EventStore,
    catalogue: RuleCatalogue = publishedCatalogue,
    readonly clock = new TestClock(new Date('2025-11-12T07:00:03.000Z')),
  ) {
    this.deps = { store, catalogue, clock };
    this.index = new EligibilityCaseIndex(store);
    this.queries = new EligibilityQueries(store, this.index);
    this.determine = new DetermineSubmittedCase(this.deps);
    this.reevaluate = new ReevaluateOnIntakeFacts(this.deps);
    this.decideReview = new DecideManualReview(this.deps, this.queries);
    this.override = new OverrideOutcome(this.deps, this.queries);
    this.republish = new RepublishRules(this.deps, this.index);
    this.rerun = new RerunDetermination(this.deps);
  }

  static async inMemory(catalogue?: RuleCatalogue): Promise<EligibilityWorld> {
    return new EligibilityWorld(await createEventStore('sqlite::memory:'), catalogue);
  }

  /** Intake's side: the resident registered and the case opened, then submitted. Returns the message as a consumer gets it. */
  async submitCase(residentId: string, options: CaseOptions = {}): Promise<IntakeEventReceived<CaseSubmittedV2Data>> {
    const opened = await this.appendIntake(residentId, EventTypes.CaseOpened, {
      caseId: options.caseId ?? newId(),
      needCategory: options.needCategory ?? 'FOOD',
      description: 'Keluarga membutuhkan bantuan.',
      channel: 'PUSKESOS',
      registeredBy: { userId: 'psm-kandangsapi-07', role: 'PSM' },
      priority: 'NORMAL',
      vulnerabilityReasons: [],
    });
    const caseId = (opened.data as { caseId: string }).caseId;
    const data = caseSubmitted({ ...options, caseId, residentId, sourceEventIds: [opened.id] });
    return this.received(await this.appendIntake(residentId, EventTypes.CaseSubmitted, data, caseId));
  }

  /**
   * The same, as intake stored it before assessments referenced members by NIK (CaseSubmitted v1);
   * the message is upcast to v2, as the consumer does.
   */
  async submitCaseStoredAsV1(residentId: string, options: CaseOptions = {}): Promise<IntakeEventReceived<CaseSubmittedV2Data>> {
    const caseId = options.caseId ?? newId();
    const opened = await this.appendIntake(residentId, EventTypes.CaseOpened, {
      caseId,
      needCategory: options.needCategory ?? 'FOOD',
      description: 'Keluarga membutuhkan bantuan.',
      channel: 'PUSKESOS',
      registeredBy: { userId: 'psm-kandangsapi-07', role: 'PSM' },
      priority: 'NORMAL',
      vulnerabilityReasons: [],
    });
    const { assessment, ...submitted } = caseSubmitted({ ...options, caseId, residentId, sourceEventIds: [opened.id] });
    const { pregnantOrNursingMembers: _who, ...assessed } = assessment;
    const v1: CaseSubmittedV1Data = {
      ...submitted,
      assessment: {
        ...assessed,
        children: assessed.children.map(({ nik: _nik, ...child }) => child),
        disabledMembers: assessed.disabledMembers.map(({ name, kind, severity }) => ({ name, kind, severity })),
        elderlyMembers: assessed.elderlyMembers.map(({ name, age }) => ({ name, age })),
      },
    };
    const stored = await this.appendIntake(residentId, EventTypes.CaseSubmitted, v1, caseId, 1);
    return { ...this.received<CaseSubmittedV2Data>(stored), data: upcast(EventTypes.CaseSubmitted, 1, stored.data) };
  }

  async changeCircumstances(
    residentId: string,
    changes: CircumstancesChangedV1Data['changes'],
    effectiveFrom = '2025-12-01',
  ): Promise<IntakeEventReceived<CircumstancesChangedV1Data>> {
    return this.received(await this.appendIntake(residentId, EventTypes.CircumstancesChanged, circumstancesChanged(changes, { residentId, effectiveFrom })));
  }

  async withdrawCase(residentId: string, caseId: string): Promise<void> {
    await this.appendIntake(residentId, EventTypes.CaseWithdrawn, { caseId, reason: 'Keluarga pindah.' }, caseId);
  }

  async eligibilityEvents(residentId: string): Promise<StoredEvent[]> {
    return this.store.readStream(residentStreamName('eligibility', residentId));
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /** At the latest version unless told otherwise, as intake appends today. */
  private async appendIntake(
    residentId: string,
    type: string,
    data: unknown,
    caseId?: string,
    schemaVersion: number = catalogueEntry(type).latestVersion,
  ): Promise<StoredEvent> {
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
        actor: 'caseworker:psm-kandangsapi-07',
        occurredAt: this.clock.now().toISOString(),
      },
    };
    const { appended } = await this.store.append(residentStreamName('intake', residentId), [event], 'any');
    return appended[0];
  }

  private received<Data>(stored: StoredEvent): IntakeEventReceived<Data> {
    return { id: stored.id, type: stored.type, residentId: stored.metadata.residentId, correlationId: stored.metadata.correlationId, data: stored.data as Data };
  }
}
