/** Runs the webhook worker at start, on every tick, and as soon as deliveries are requested. */
import { RecurringTask } from '@lastri/service-host';
import { Inject, Injectable } from '@nestjs/common';

import { DeliverWebhooks } from '../application/deliver-webhooks';
import { DeliveryLog } from '../application/delivery-log';

export const WEBHOOK_WORKER_EVERY_MS = Symbol('WEBHOOK_WORKER_EVERY_MS');

@Injectable()
export class DeliveryScheduler extends RecurringTask {
  private stopListening?: () => void;

  constructor(
    private readonly worker: DeliverWebhooks,
    private readonly log: DeliveryLog,
    @Inject(WEBHOOK_WORKER_EVERY_MS) everyMs: number,
  ) {
    super('Webhooks', 'Webhook deliveries', everyMs);
  }

  override onApplicationBootstrap(): void {
    this.stopListening = this.log.onRequested(() => this.nudge());
    super.onApplicationBootstrap();
  }

  override async onModuleDestroy(): Promise<void> {
    this.stopListening?.();
    await super.onModuleDestroy();
  }

  protected async round(): Promise<undefined> {
    await this.worker.runDue();
    return undefined;
  }
}
