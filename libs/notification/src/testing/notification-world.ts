/**
 * Notification's use cases wired to a real event store, with intake's, eligibility's and
 * referral's events appended the way those contexts append them: what the application specs
 * drive. Not exported.
 */
import { catalogueEntry, EventTypes, residentStreamName, validateEventData, type EventType } from '@lastri/contracts';
import { createEventStore, type EventStore, type NewEvent, type StoredEvent } from '@lastri/event-store';
import { newId, type Clock } from '@lastri/kernel';

import type { NotificationChannels } from '../application/channels';
import { DispatchDue } from '../application/dispatch/dispatch-due';
import { DEFAULT_RETRY_POLICY, type EventReceived, type NotificationDependencies } from '../application/notification-dependencies';
import { RequestOnMoment } from '../application/request-on-moment/request-on-moment';
import { NotificationStream } from '../application/support/notification-stream';
import type { RetryPolicy } from '../domain/notification.commands';
import type { NotificationState } from '../domain/notification.state';
import { caseSubmitted, consentRecorded, consentWithdrawn, determination, manualReviewRequired, referralCreated, residentRegistered } from './source-events.fixture';

/** A clock a test moves. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Wednesday 12 November 2025, 14:00 WIB. */
export const SUBMISSION_DAY = '2025-11-12T07:00:00.000Z';

/** Three attempts, one minute then two apart. */
export const TEST_RETRY: RetryPolicy = { maxAttempts: 3, firstDelayMs: 60_000, maxDelayMs: 10 * 60_000 };

export class NotificationWorld {
  readonly deps: NotificationDependencies;
  readonly request: RequestOnMoment;
  /** The dispatcher of this process; `restart()` gives a new one over the same store. */
  dispatcher: DispatchDue;

  constructor(
    readonly store: EventStore,
    channels: NotificationChannels,
    readonly clock = new TestClock(new Date(SUBMISSION_DAY)),
    retry: RetryPolicy = TEST_RETRY,
  ) {
    this.deps = { store, clock, channels, retry: { ...DEFAULT_RETRY_POLICY, ...retry } };
    this.request = new RequestOnMoment(this.deps);
    this.dispatcher = new DispatchDue(this.deps);
  }

  static async inMemory(channels: NotificationChannels, retry?: RetryPolicy): Promise<NotificationWorld> {
    return new NotificationWorld(await createEventStore('sqlite::memory:'), channels, undefined, retry);
  }

  /** A new process over the same store: its dispatcher knows only what the store holds. */
  restart(): DispatchDue {
    this.dispatcher = new DispatchDue(this.deps);
    return this.dispatcher;
  }

  /** A resident registered by intake, with consent to be notified unless `consent: false`. */
  async registerResident(contact: { name?: string; email?: string; phone?: string; kelurahanCode?: string; consent?: boolean } = {}): Promise<{ residentId: string; consentId: string }> {
    const residentId = newId();
    const consentId = newId();
    await this.append('intake', residentId, EventTypes.ResidentRegistered, residentRegistered(residentId, contact));
    const purposes = contact.consent === false ? (['CASE_HANDLING'] as const) : (['CASE_HANDLING', 'RESIDENT_NOTIFICATIONS'] as const);
    await this.append('intake', residentId, EventTypes.ConsentRecorded, consentRecorded(consentId, [...purposes]));
    return { residentId, consentId };
  }

  async withdrawNotificationConsent(residentId: string, consentId: string): Promise<void> {
    await this.append('intake', residentId, EventTypes.ConsentWithdrawn, consentWithdrawn(consentId, ['RESIDENT_NOTIFICATIONS']));
  }

  async submitCase(residentId: string, caseId = newId()): Promise<EventReceived<unknown>> {
    return received(await this.append('intake', residentId, EventTypes.CaseSubmitted, caseSubmitted(caseId, residentId), caseId));
  }

  async determine(residentId: string, caseId = newId()): Promise<EventReceived<unknown>> {
    return received(await this.append('eligibility', residentId, EventTypes.EligibilityDetermined, determination(caseId, newId()), caseId));
  }

  async requireReview(residentId: string, caseId = newId()): Promise<EventReceived<unknown>> {
    return received(await this.append('eligibility', residentId, EventTypes.ManualReviewRequired, manualReviewRequired(caseId, newId()), caseId));
  }

  /** A PIP referral to the school office, accepted: returns the ReferralAccepted as the consumer gets it. */
  async acceptReferral(residentId: string): Promise<EventReceived<unknown>> {
    const caseId = newId();
    const referralId = newId();
    await this.append('referral', residentId, EventTypes.ReferralCreated, referralCreated(referralId, caseId, residentId), caseId);
    const accepted = { referralId, agencyId: 'dinas-pendidikan', acceptedAt: '2025-11-19T02:00:00.000Z', expectedStartOn: '2026-01-05' };
    return received(await this.append('referral', residentId, EventTypes.ReferralAccepted, accepted, caseId));
  }

  notificationEvents(residentId: string): Promise<StoredEvent[]> {
    return this.store.readStream(residentStreamName('notification', residentId));
  }

  async state(residentId: string): Promise<NotificationState> {
    return (await new NotificationStream(this.store).read(residentId)).state;
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async append(context: 'intake' | 'eligibility' | 'referral', residentId: string, type: EventType, data: unknown, caseId?: string): Promise<StoredEvent> {
    const schemaVersion = catalogueEntry(type).latestVersion;
    const validation = validateEventData(type, schemaVersion, data);
    if (!validation.ok) throw new Error(`Test fixture ${type} breaks its contract: ${JSON.stringify(validation.errors)}`);
    const event: NewEvent = {
      id: newId(),
      type,
      schemaVersion,
      data,
      metadata: { residentId, ...(caseId ? { caseId } : {}), correlationId: newId(), actor: `service:${context}`, occurredAt: this.clock.now().toISOString() },
    };
    const { appended } = await this.store.append(residentStreamName(context, residentId), [event], 'any');
    return appended[0];
  }
}

export function received<Data>(stored: StoredEvent): EventReceived<Data> {
  return { id: stored.id, type: stored.type, residentId: stored.metadata.residentId, correlationId: stored.metadata.correlationId, data: stored.data as Data };
}
