/**
 * The port to the outside world: a channel sends one rendered message and says whether the
 * provider took it, or why not and whether trying again may help. Adapters in infrastructure/.
 */
import type { AttemptResult } from '../domain/notification.commands';
import type { Channel, Recipient } from '../domain/notification.events';

export interface OutgoingMessage {
  readonly notificationId: string;
  readonly channel: Channel;
  readonly recipient: Recipient;
  readonly subject?: string;
  readonly text: string;
}

export type SendResult = AttemptResult;

export interface ChannelSender {
  send(message: OutgoingMessage): Promise<SendResult>;
  close?(): Promise<void>;
}

/** The configured channels; one that is absent is recorded as unavailable, never a crash. */
export type NotificationChannels = Partial<Record<Channel, ChannelSender>>;

export function configuredChannels(channels: NotificationChannels): Channel[] {
  return (['EMAIL', 'SMS', 'WHATSAPP'] as const).filter((channel) => channels[channel] !== undefined);
}
