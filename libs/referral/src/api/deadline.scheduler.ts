/** Runs EscalateOverdue at start and then periodically, in whatever host imports the module. */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { EscalateOverdue } from '../application/escalate-overdue/escalate-overdue';
import { DEADLINE_CHECK_EVERY_MS } from './referral.tokens';

@Injectable()
export class DeadlineScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Referral');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly escalate: EscalateOverdue,
    @Inject(DEADLINE_CHECK_EVERY_MS) private readonly everyMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.everyMs);
    // A pending check never keeps a process alive that is otherwise done.
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.escalate
      .check()
      .then((escalated) => {
        if (escalated.length > 0) this.logger.log(`Escalated ${escalated.length} missed referral deadline(s).`);
      })
      .catch((error: unknown) => this.logger.error(`Checking referral deadlines failed; next check in ${this.everyMs} ms: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
  }
}
