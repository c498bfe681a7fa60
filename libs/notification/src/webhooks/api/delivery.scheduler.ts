/** Runs the webhook worker at start, on every tick, and as soon as deliveries are requested. */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { DeliverWebhooks } from '../application/deliver-webhooks';
import { DeliveryLog } from '../application/delivery-log';

export const WEBHOOK_WORKER_EVERY_MS = Symbol('WEBHOOK_WORKER_EVERY_MS');

@Injectable()
export class DeliveryScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private timer?: NodeJS.Timeout;
  private stopListening?: () => void;
  private running?: Promise<unknown>;

  constructor(
    private readonly worker: DeliverWebhooks,
    private readonly log: DeliveryLog,
    @Inject(WEBHOOK_WORKER_EVERY_MS) private readonly everyMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.stopListening = this.log.onRequested(() => this.tick());
    this.tick();
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.stopListening?.();
    await this.running;
  }

  private tick(): void {
    this.running = this.worker
      .runDue()
      .catch((error: unknown) => this.logger.error(`Webhook deliveries failed; next pass in ${this.everyMs} ms: ${(error as Error).message}`));
  }
}
