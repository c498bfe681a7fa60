/**
 * The notification context as one Nest module, for any host: it needs the host to provide the
 * event store (EventStoreModule, global) and authentication (AuthModule's global guard), and to
 * run an event transport (Kafka, or the embedded store transport) for NotificationMomentsConsumer
 * under the consumer name NOTIFICATION_CONSUMER. It sends what is due by itself (DispatcherWorker).
 */
import { EVENT_STORE, type EventStore } from '@lastri/event-store';
import { systemClock, type Clock } from '@lastri/kernel';
import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';

import type { NotificationChannels } from './application/channels';
import { DispatchDue } from './application/dispatch/dispatch-due';
import { DEFAULT_RETRY_POLICY, NOTIFICATION_DEPENDENCIES, type NotificationDependencies } from './application/notification-dependencies';
import { NotificationQueries } from './application/queries/notification-queries';
import { RequestOnMoment } from './application/request-on-moment/request-on-moment';
import { SetNotificationPreference } from './application/set-preference/set-notification-preference';
import type { RetryPolicy } from './domain/notification.commands';
import { channelsFromConfig, type NotificationChannelsConfig } from './infrastructure/channels-config';
import { WebhooksModule, type WebhooksModuleOptions } from './webhooks.module';
import { DispatcherWorker } from './api/dispatcher.worker';
import { NotificationMomentsConsumer } from './api/events/notification-moments.consumer';
import { NotificationsController } from './api/http/notifications.controller';
import { DISPATCH_EVERY_MS, NOTIFICATION_CHANNELS, NOTIFICATION_CLOCK } from './api/notification.tokens';

export interface NotificationModuleOptions {
  readonly clock?: Clock;
  /**
   * The channels: senders (tests, another adapter), or their configuration (SMTP URL and from
   * address, SMS gateway URL). Default: none, so every message is recorded as skipped with
   * CHANNEL_UNAVAILABLE. `loadNotificationChannelsConfig()` reads SMTP_URL, NOTIFICATION_MAIL_FROM,
   * SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN.
   */
  readonly channels?: NotificationChannels | NotificationChannelsConfig;
  /**
   * Send what is due at start and then every `everyMs` (default every 10 seconds). `false` for a
   * replica that leaves sending to another: run one dispatcher per store.
   */
  readonly dispatcher?: false | { readonly everyMs?: number };
  /** Attempts before giving up, and the back-off: default 5 attempts, 1 min doubling, at most 1 h. */
  readonly retry?: Partial<RetryPolicy>;
  /** The partner agencies' webhooks (WebhooksModule), with its options; `false` leaves them out. */
  readonly webhooks?: false | WebhooksModuleOptions;
}

const EVERY_TEN_SECONDS = 10_000;

/** Closes the channels (an SMTP pool) once the host has stopped, after the dispatcher's last round. */
@Injectable()
class ChannelsCloser implements OnApplicationShutdown {
  constructor(@Inject(NOTIFICATION_CHANNELS) private readonly channels: NotificationChannels) {}

  async onApplicationShutdown(): Promise<void> {
    const senders = new Set(Object.values(this.channels));
    await Promise.all([...senders].map((sender) => sender?.close?.()));
  }
}

function isChannelsConfig(channels: NotificationModuleOptions['channels']): channels is NotificationChannelsConfig {
  return channels !== undefined && ['smtpUrl', 'mailFrom', 'smsGatewayUrl', 'smsGatewayToken'].some((key) => key in channels);
}

@Module({})
export class NotificationModule {
  static forRoot(options: NotificationModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: NOTIFICATION_CLOCK, useValue: options.clock ?? systemClock },
      {
        provide: NOTIFICATION_CHANNELS,
        useFactory: (): NotificationChannels =>
          isChannelsConfig(options.channels) ? channelsFromConfig(options.channels) : (options.channels ?? {}),
      },
      {
        provide: NOTIFICATION_DEPENDENCIES,
        useFactory: (store: EventStore, clock: Clock, channels: NotificationChannels): NotificationDependencies => ({
          store,
          clock,
          channels,
          retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
        }),
        inject: [EVENT_STORE, NOTIFICATION_CLOCK, NOTIFICATION_CHANNELS],
      },
      ChannelsCloser,
      RequestOnMoment,
      DispatchDue,
      NotificationQueries,
      SetNotificationPreference,
    ];
    if (options.dispatcher !== false) {
      providers.push({ provide: DISPATCH_EVERY_MS, useValue: options.dispatcher?.everyMs ?? EVERY_TEN_SECONDS }, DispatcherWorker);
    }
    return {
      module: NotificationModule,
      imports: options.webhooks === false ? [] : [WebhooksModule.forRoot({ clock: options.clock, ...options.webhooks })],
      controllers: [NotificationsController, NotificationMomentsConsumer],
      providers,
      exports: [DispatchDue, NOTIFICATION_CHANNELS],
    };
  }
}

