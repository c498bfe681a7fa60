/**
 * Runs DispatchDue at start and then every `everyMs`, in whatever host imports the module, and
 * lets the round in progress finish on shutdown: an attempt is never cut between the send and its
 * record by the module's own stop.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { DispatchDue } from '../application/dispatch/dispatch-due';
import { DISPATCH_EVERY_MS } from './notification.tokens';

@Injectable()
export class DispatcherWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Notification');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly dispatch: DispatchDue,
    @Inject(DISPATCH_EVERY_MS) private readonly everyMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.everyMs);
    // A pending round never keeps a process alive that is otherwise done.
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running || this.stopped) return;
    this.running = this.dispatch
      .run()
      .then((made) => {
        if (made.length > 0) this.logger.log(`Notification attempts: ${made.map((attempt) => attempt.outcome).join(', ')}.`);
      })
      .catch((error: unknown) => this.logger.error(`Dispatching notifications failed; next round in ${this.everyMs} ms: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
  }
}
