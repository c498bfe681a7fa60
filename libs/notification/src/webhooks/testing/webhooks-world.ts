/**
 * The webhook use cases on a real in-memory store with a movable clock and the real HTTP sender:
 * referral and intake events are appended as those contexts would, and handed to the use case the
 * consumer calls.
 */
import { EventTypes, residentStreamName } from '@lastri/contracts';
import { createEventStore, type EventStore } from '@lastri/event-store';
import { newId, type Clock } from '@lastri/kernel';

import { DeliverWebhooks } from '../application/deliver-webhooks';
import { DeliveryLog } from '../application/delivery-log';
import { RequestDeliveries } from '../application/request-deliveries';
import { WebhookSubscriptions } from '../application/webhook-subscriptions';
import type { WebhooksDependencies } from '../application/webhooks-dependencies';
import type { RetryPolicy } from '../domain/deliveries';
import { HttpWebhookSender } from '../infrastructure/http-webhook-sender';
import { loadPartnerPolicy } from '../infrastructure/partner-policy-file';

export const ADMIN = { actor: 'admin:op-01' };
export const TEST_RETRY: RetryPolicy = { maxAttempts: 4, initialDelayMs: 1_000, maxDelayMs: 60 * 60 * 1000 };

export class MovableClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface ReferralFixture {
  readonly residentId: string;
  readonly referralId: string;
  readonly createdEventId: string;
}

export class WebhooksWorld {
  readonly log: DeliveryLog;
  readonly subscriptions: WebhookSubscriptions;
  readonly requests: RequestDeliveries;
  readonly worker: DeliverWebhooks;
  private readonly sender: HttpWebhookSender;

  private constructor(readonly store: EventStore, readonly clock: MovableClock, private readonly allowPrivateTargets: boolean) {
    const targets = { allowPrivateTargets };
    this.sender = new HttpWebhookSender(targets, 5_000);
    const deps: WebhooksDependencies = { store, clock, policy: loadPartnerPolicy(), retry: TEST_RETRY, targets, sender: this.sender, random: () => 0, concurrency: 4 };
    this.log = new DeliveryLog(deps);
    this.subscriptions = new WebhookSubscriptions(deps);
    this.requests = new RequestDeliveries(deps, this.log);
    this.worker = new DeliverWebhooks(deps, this.log, this.subscriptions);
  }

  static async start(options: { allowPrivateTargets?: boolean } = {}): Promise<WebhooksWorld> {
    return new WebhooksWorld(await createEventStore('sqlite::memory:'), new MovableClock(new Date(Math.floor(Date.now() / 1000) * 1000)), options.allowPrivateTargets ?? true);
  }

  /** The same store and clock in a fresh process: nothing held in memory survives. */
  restarted(): WebhooksWorld {
    return new WebhooksWorld(this.store, this.clock, this.allowPrivateTargets);
  }

  async close(): Promise<void> {
    this.sender.close();
    await this.store.close();
  }

  /** Intake registers a resident, referral refers them to the agency; the consumer sees ReferralCreated. */
  async referral(agencyId: string, programme = 'PIP'): Promise<ReferralFixture> {
    const residentId = newId();
    const referralId = newId();
    const at = this.clock.now().toISOString();
    const metadata = { residentId, correlationId: newId(), actor: 'service:test', occurredAt: at };
    await this.store.append(
      residentStreamName('intake', residentId),
      [{ id: newId(), type: EventTypes.ResidentRegistered, schemaVersion: 1, metadata, data: resident(residentId) }],
      'no-stream',
    );
    const createdEventId = newId();
    const [stored] = (
      await this.store.append(
        residentStreamName('referral', residentId),
        [{ id: createdEventId, type: EventTypes.ReferralCreated, schemaVersion: 1, metadata, data: referralCreated(residentId, referralId, agencyId, programme, at) }],
        'no-stream',
      )
    ).appended;
    await this.requests.onReferralEvent({ id: stored.id, type: stored.type, residentId, occurredAt: at, data: stored.data as Record<string, unknown> }, metadata.correlationId);
    return { residentId, referralId, createdEventId };
  }

  /** Runs the worker until nothing is due now. */
  async deliverDue(): Promise<void> {
    while ((await this.worker.runDue()) > 0) {
      // attempts that failed are due later, on the clock; passes stop when nothing is due now
    }
  }
}

function resident(residentId: string) {
  return {
    residentId,
    nik: '3575045203850001',
    noKk: '3575041503100007',
    name: 'Siti Aminah',
    birthDate: '1985-03-12',
    sex: 'PEREMPUAN',
    householdRelation: 'KEPALA_KELUARGA',
    address: { street: 'Jl. Hasanudin Gg. 3 No. 12', rt: '004', rw: '002', kelurahanCode: '35.75.04.1011', kecamatanCode: '35.75.04' },
    phone: '+6281234567890',
    householdMembers: [],
    registeredBy: { userId: 'psm-kandangsapi-07', role: 'PSM' },
  };
}

function referralCreated(residentId: string, referralId: string, agencyId: string, programme: string, at: string) {
  return {
    referralId,
    caseId: newId(),
    residentId,
    kelurahanCode: '35.75.04.1011',
    determinationId: newId(),
    cause: { kind: 'ELIGIBILITY_DETERMINED', eventId: newId() },
    programme,
    agencyId,
    needCategory: 'EDUCATION',
    priority: 'NORMAL',
    routingTableVersion: '2025.1',
    createdAt: at,
    acknowledgeDueAt: '2026-03-05T17:00:00.000Z',
    decideDueAt: '2026-03-10T17:00:00.000Z',
  };
}
