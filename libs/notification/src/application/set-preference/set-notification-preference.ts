/** A caseworker records how the resident wants to be told: a channel, or NONE for no messages. */
import type { Actor } from '@lastri/auth';
import { newId } from '@lastri/kernel';
import { Inject, Injectable } from '@nestjs/common';

import type { ChannelPreference } from '../../domain/notification.events';
import { decide } from '../../domain/notification.decider';
import { isNotificationError, type NotificationError } from '../../domain/notification.errors';
import { NOTIFICATION_DEPENDENCIES, type CommandIssuer, type NotificationDependencies } from '../notification-dependencies';
import { IntakeRecord } from '../support/intake-record';
import { NotificationStream } from '../support/notification-stream';
import { residentInScope } from '../support/resident-scope';

export interface PreferenceView {
  readonly residentId: string;
  readonly channel: ChannelPreference;
  /** False when the resident's preference already was this one: nothing was recorded. */
  readonly changed: boolean;
}

@Injectable()
export class SetNotificationPreference {
  private readonly intake: IntakeRecord;
  private readonly stream: NotificationStream;

  constructor(@Inject(NOTIFICATION_DEPENDENCIES) private readonly deps: NotificationDependencies) {
    this.intake = new IntakeRecord(deps.store);
    this.stream = new NotificationStream(deps.store);
  }

  async handle(actor: Actor, residentId: string, channel: ChannelPreference, issuer: CommandIssuer): Promise<PreferenceView | NotificationError> {
    const resident = await residentInScope(this.intake, actor, residentId, 'write');
    if (isNotificationError(resident)) return resident;
    const at = this.deps.clock.now().toISOString();
    const appended = await this.stream.update(residentId, (state) => {
      const decided = decide({ type: 'SetPreference', data: { channel, setBy: issuer.actor, at } }, state);
      if (isNotificationError(decided)) return decided;
      return decided.map((event) => ({
        event,
        id: newId(),
        metadata: { residentId, correlationId: issuer.correlationId ?? newId(), actor: issuer.actor, occurredAt: at },
      }));
    });
    if (isNotificationError(appended)) return appended;
    return { residentId, channel, changed: appended.length > 0 };
  }
}
