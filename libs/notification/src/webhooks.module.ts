/**
 * Partner agencies' signed, replayable webhooks as one Nest module, imported by NotificationModule.
 * Needs the host's event store (EventStoreModule, global) and AuthModule, and an event transport
 * running PartnerDeliveryConsumer under PARTNER_DELIVERY_CONSUMER. It sends deliveries by itself
 * (DeliveryScheduler) unless `worker: false`.
 */
import { EVENT_STORE, type EventStore } from '@lastri/event-store';
import { systemClock, type Clock } from '@lastri/kernel';
import { Inject, Injectable, Module, type DynamicModule, type OnModuleDestroy, type Provider } from '@nestjs/common';

import { DeliveryScheduler, WEBHOOK_WORKER_EVERY_MS } from './webhooks/api/delivery.scheduler';
import { PartnerDeliveryConsumer } from './webhooks/api/partner-delivery.consumer';
import { PartnerWebhooksController } from './webhooks/api/partner-webhooks.controller';
import { DeliverWebhooks } from './webhooks/application/deliver-webhooks';
import { DeliveryLog } from './webhooks/application/delivery-log';
import { RequestDeliveries } from './webhooks/application/request-deliveries';
import { WebhookSubscriptions } from './webhooks/application/webhook-subscriptions';
import { WEBHOOKS_DEPENDENCIES, type WebhooksDependencies } from './webhooks/application/webhooks-dependencies';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './webhooks/domain/deliveries';
import type { PartnerPolicy } from './webhooks/domain/partner-policy';
import { HttpWebhookSender, type WebhookSender } from './webhooks/infrastructure/http-webhook-sender';
import { KafkaPartnerPublisher } from './webhooks/infrastructure/kafka-partner-publisher';
import { loadPartnerPolicy } from './webhooks/infrastructure/partner-policy-file';

export interface WebhooksModuleOptions {
  readonly clock?: Clock;
  /**
   * Loopback, private, link-local and unique-local endpoints, and plain http: refused unless true
   * (tests run receivers on 127.0.0.1). Default: WEBHOOK_ALLOW_PRIVATE_TARGETS=true in the environment.
   */
  readonly allowPrivateTargets?: boolean;
  /** Brokers for the partner topics `lastri.partner.<agencyId>`; none (standalone): not written. */
  readonly kafkaBrokers?: readonly string[];
  /** How often due deliveries are looked for (default every 5 s; requests wake it at once), or false for none. */
  readonly worker?: false | { readonly everyMs?: number; readonly concurrency?: number };
  readonly retry?: RetryPolicy;
  readonly policy?: PartnerPolicy;
  /** Replaces the HTTP client (tests). */
  readonly sender?: WebhookSender;
  /** [0, 1) for back-off jitter (tests). */
  readonly random?: () => number;
}

const EVERY_5_SECONDS = 5_000;

@Injectable()
class WebhooksResources implements OnModuleDestroy {
  constructor(@Inject(WEBHOOKS_DEPENDENCIES) private readonly deps: WebhooksDependencies) {}

  async onModuleDestroy(): Promise<void> {
    if (this.deps.sender instanceof HttpWebhookSender) this.deps.sender.close();
    await this.deps.partnerTopics?.close();
  }
}

@Module({})
export class WebhooksModule {
  static forRoot(options: WebhooksModuleOptions = {}): DynamicModule {
    const allowPrivateTargets = options.allowPrivateTargets ?? process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true';
    const providers: Provider[] = [
      {
        provide: WEBHOOKS_DEPENDENCIES,
        useFactory: (store: EventStore): WebhooksDependencies => {
          const targets = { allowPrivateTargets };
          return {
            store,
            clock: options.clock ?? systemClock,
            policy: options.policy ?? loadPartnerPolicy(),
            retry: options.retry ?? DEFAULT_RETRY_POLICY,
            targets,
            sender: options.sender ?? new HttpWebhookSender(targets),
            ...(options.kafkaBrokers && options.kafkaBrokers.length > 0 ? { partnerTopics: new KafkaPartnerPublisher(options.kafkaBrokers) } : {}),
            random: options.random ?? Math.random,
            concurrency: (options.worker && options.worker.concurrency) || 16,
          };
        },
        inject: [EVENT_STORE],
      },
      WebhooksResources,
      DeliveryLog,
      WebhookSubscriptions,
      RequestDeliveries,
      DeliverWebhooks,
    ];
    if (options.worker !== false) {
      providers.push({ provide: WEBHOOK_WORKER_EVERY_MS, useValue: options.worker?.everyMs ?? EVERY_5_SECONDS }, DeliveryScheduler);
    }
    return {
      module: WebhooksModule,
      controllers: [PartnerWebhooksController, PartnerDeliveryConsumer],
      providers,
      exports: [DeliverWebhooks, DeliveryLog, RequestDeliveries, WebhookSubscriptions],
    };
  }
}
