/**
 * Every webhook delivery and where it stands, folded from the `webhook-deliveries-` streams of
 * the store's global log: what the worker sends, what the dead-letter list shows. Kept in memory
 * and brought up to date before each use (only what was appended since is read); after a restart
 * it is rebuilt from the start of the log, so a pending delivery is neither lost nor sent twice
 * for an attempt already recorded. An attempt whose outcome was not recorded before a crash is
 * sent again: at least once, with the same webhook-id for the receiver to dedupe.
 */
import { upcastEvent } from '@lastri/contracts';
import { START, type GlobalPosition, type StoredEvent } from '@lastri/event-store';
import { Inject, Injectable } from '@nestjs/common';

import { DELIVERY_EVENT_TYPES, evolveDeliveries, type Delivery, type DeliveryEvent, type DeliveryStatus } from '../domain/deliveries';
import { DELIVERIES_STREAM_PREFIX } from './webhook-streams';
import { WEBHOOKS_DEPENDENCIES, type WebhooksDependencies } from './webhooks-dependencies';

const PAGE_SIZE = 1000;

@Injectable()
export class DeliveryLog {
  private position: GlobalPosition = START;
  private readonly deliveries = new Map<string, Delivery>();
  /** The PENDING ones only: what the worker scans on every pass. */
  private readonly pending = new Set<string>();
  private catchingUp?: Promise<void>;
  private readonly listeners = new Set<() => void>();

  constructor(@Inject(WEBHOOKS_DEPENDENCIES) private readonly deps: WebhooksDependencies) {}

  async due(now: Date): Promise<Delivery[]> {
    await this.catchUp();
    const instant = now.getTime();
    const due: Delivery[] = [];
    for (const deliveryId of this.pending) {
      const delivery = this.deliveries.get(deliveryId);
      if (delivery && Date.parse(delivery.nextAttemptAt ?? '') <= instant) due.push(delivery);
    }
    return due;
  }

  async ofAgency(agencyId: string, status?: DeliveryStatus): Promise<Delivery[]> {
    await this.catchUp();
    return [...this.deliveries.values()].filter((delivery) => delivery.request.agencyId === agencyId && (status === undefined || delivery.status === status));
  }

  async find(deliveryId: string): Promise<Delivery | undefined> {
    await this.catchUp();
    return this.deliveries.get(deliveryId);
  }

  /** New deliveries were requested: the worker need not wait for its next tick. */
  requested(): void {
    for (const listener of this.listeners) listener();
  }

  onRequested(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  catchUp(): Promise<void> {
    const run = (this.catchingUp ?? Promise.resolve()).then(() => this.readNewEvents());
    this.catchingUp = run.catch(() => undefined);
    return run;
  }

  private async readNewEvents(): Promise<void> {
    for (;;) {
      const page = await this.deps.store.readAll(this.position, PAGE_SIZE);
      if (page.length === 0) return;
      for (const stored of page) {
        const event = deliveryEvent(stored);
        if (!event) continue;
        evolveDeliveries(this.deliveries, event);
        const deliveryId = event.data.deliveryId;
        if (this.deliveries.get(deliveryId)?.status === 'PENDING') this.pending.add(deliveryId);
        else this.pending.delete(deliveryId);
        const retried = event.type === 'WebhookDeliveryRequested' ? event.data.cause.retryOf : undefined;
        if (retried !== undefined) this.pending.delete(retried);
      }
      this.position = page[page.length - 1].globalPosition;
    }
  }
}

function deliveryEvent(stored: StoredEvent): DeliveryEvent | undefined {
  if (!stored.streamName.startsWith(DELIVERIES_STREAM_PREFIX)) return undefined;
  if (!(DELIVERY_EVENT_TYPES as readonly string[]).includes(stored.type)) return undefined;
  return upcastEvent(stored) as DeliveryEvent;
}
