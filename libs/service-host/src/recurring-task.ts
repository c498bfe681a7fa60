/**
 * Work a context does on its own, at start and then every `everyMs`, in whatever host imports its
 * module (deadline checks, rule republication, dispatch of messages and webhooks). One round at a
 * time: a nudge that comes while a round runs is remembered and runs one more round after it, so
 * nothing asked for waits for the next interval. A failed round is logged and the next one
 * retries. On shutdown no new round starts and the one in progress is awaited, and the timer never
 * keeps a process alive that is otherwise done.
 */
import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

export abstract class RecurringTask implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  protected constructor(
    loggerName: string,
    /** What a round does, for the log: "Checking referral deadlines". */
    private readonly what: string,
    protected readonly everyMs: number,
  ) {
    this.logger = new Logger(loggerName);
  }

  /** One round; what it answers, if anything, is logged. */
  protected abstract round(): Promise<string | undefined>;

  onApplicationBootstrap(): void {
    this.nudge();
    this.timer = setInterval(() => this.nudge(), this.everyMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs a round now, or right after the one in progress. */
  protected nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round()
      .then((said) => {
        if (said) this.logger.log(said);
      })
      .catch((error: unknown) => this.logger.error(`${this.what} failed; next round in ${this.everyMs} ms: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }
}
