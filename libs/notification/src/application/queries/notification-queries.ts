/** What the API reads: a resident's notifications, each with where it stands, and their channel preference. */
import type { Actor } from '@lastri/auth';
import { EVENT_STORE, type EventStore } from '@lastri/event-store';
import { Inject, Injectable } from '@nestjs/common';

import type { Channel, ChannelPreference, Recipient, SkipReason } from '../../domain/notification.events';
import { isNotificationError, type ResidentNotFound } from '../../domain/notification.errors';
import type { NotificationRecord, NotificationStatus } from '../../domain/notification.state';
import { IntakeRecord } from '../support/intake-record';
import { NotificationStream } from '../support/notification-stream';
import { residentInScope } from '../support/resident-scope';

export interface NotificationView {
  readonly notificationId: string;
  readonly template: string;
  readonly sourceEventType: string;
  readonly sourceEventId: string;
  readonly status: NotificationStatus;
  readonly createdAt: string;
  readonly attempts: number;
  readonly channel?: Channel;
  readonly recipient?: Recipient;
  readonly subject?: string;
  readonly text?: string;
  readonly nextAttemptAt?: string;
  readonly sentAt?: string;
  readonly lastError?: { readonly code: string; readonly message?: string };
  readonly skipReason?: SkipReason;
  readonly skipDetail?: string;
}

export interface ResidentNotificationsView {
  readonly residentId: string;
  /** Null when none was recorded: e-mail if intake holds an address, else SMS. */
  readonly preference: ChannelPreference | null;
  /** Oldest first. */
  readonly notifications: readonly NotificationView[];
}

@Injectable()
export class NotificationQueries {
  private readonly intake: IntakeRecord;
  private readonly stream: NotificationStream;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.intake = new IntakeRecord(store);
    this.stream = new NotificationStream(store);
  }

  async ofResident(actor: Actor, residentId: string): Promise<ResidentNotificationsView | ResidentNotFound> {
    const resident = await residentInScope(this.intake, actor, residentId, 'read');
    if (isNotificationError(resident)) return resident as ResidentNotFound;
    const { state } = await this.stream.read(residentId);
    return { residentId, preference: state.preference ?? null, notifications: [...state.notifications.values()].map(view) };
  }
}

function view(record: NotificationRecord): NotificationView {
  const { notificationId, template, sourceEventType, sourceEventId, status, createdAt, attempts, ...rest } = record;
  return { notificationId, template, sourceEventType, sourceEventId, status, createdAt, attempts, ...rest };
}
