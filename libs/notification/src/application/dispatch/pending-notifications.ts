/**
 * The notifications still owed, derived from the store and nothing else: every resident's
 * notification stream folded with the decider's own `evolve` from the global log, kept in memory
 * and brought up to date before each answer. A new process rebuilds it from the start of the log,
 * which is how a restart loses nothing.
 */
import { STREAM_PREFIXES } from '@lastri/contracts';
import { START, type EventStore, type GlobalPosition } from '@lastri/event-store';

import { evolve, initialState, isPending, type NotificationState } from '../../domain/notification.state';
import { recordedNotificationEvent } from '../support/notification-stream';

const PAGE_SIZE = 500;

export interface DueNotification {
  readonly residentId: string;
  readonly notificationId: string;
  readonly dueAt: string;
}

export class PendingNotifications {
  private position: GlobalPosition = START;
  private readonly residents = new Map<string, NotificationState>();
  private catchingUp?: Promise<void>;

  constructor(private readonly store: Pick<EventStore, 'readAll'>) {}

  /** Pending notifications due at `now`, the longest-waiting first. */
  async due(now: Date): Promise<DueNotification[]> {
    await this.catchUp();
    const due: DueNotification[] = [];
    for (const [residentId, state] of this.residents) {
      for (const record of state.notifications.values()) {
        if (isPending(record) && record.nextAttemptAt !== undefined && Date.parse(record.nextAttemptAt) <= now.getTime()) {
          due.push({ residentId, notificationId: record.notificationId, dueAt: record.nextAttemptAt });
        }
      }
    }
    return due.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }

  private catchUp(): Promise<void> {
    const run = (this.catchingUp ?? Promise.resolve()).then(() => this.readNewEvents());
    this.catchingUp = run.catch(() => undefined);
    return run;
  }

  private async readNewEvents(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll(this.position, PAGE_SIZE);
      if (page.length === 0) return;
      for (const stored of page) {
        if (!stored.streamName.startsWith(STREAM_PREFIXES.notification)) continue;
        const event = recordedNotificationEvent(stored);
        if (!event) continue;
        const residentId = stored.metadata.residentId;
        this.residents.set(residentId, evolve(this.residents.get(residentId) ?? initialState, event));
      }
      this.position = page[page.length - 1].globalPosition;
    }
  }
}
