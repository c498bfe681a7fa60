/** Runs RepublishOnEffectiveDate at start and then periodically, in whatever host imports the module. */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { RepublishOnEffectiveDate } from '../application/republish-rules/republish-on-effective-date';

export const REPUBLICATION_CHECK_EVERY_MS = Symbol('REPUBLICATION_CHECK_EVERY_MS');

@Injectable()
export class RepublicationScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Eligibility');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly schedule: RepublishOnEffectiveDate,
    @Inject(REPUBLICATION_CHECK_EVERY_MS) private readonly everyMs: number,
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
    this.running = this.schedule
      .check()
      .then((report) => {
        if (report && report.changed.length > 0) {
          this.logger.log(`Rules in force on ${report.asOf} republished: ${report.changed.length} case(s) changed (republication ${report.republicationId}).`);
        }
      })
      .catch((error: unknown) => this.logger.error(`Republishing the rules in force failed; next check in ${this.everyMs} ms: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
  }
}
