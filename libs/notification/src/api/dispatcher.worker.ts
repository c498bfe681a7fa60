/**
 * Runs DispatchDue at start and then every `everyMs`, in whatever host imports the module, and
 * lets the round in progress finish on shutdown (RecurringTask): an attempt is never cut between
 * the send and its record by the module's own stop.
 */
import { RecurringTask } from '@lastri/service-host';
import { Inject, Injectable } from '@nestjs/common';

import { DispatchDue } from '../application/dispatch/dispatch-due';
import { DISPATCH_EVERY_MS } from './notification.tokens';

@Injectable()
export class DispatcherWorker extends RecurringTask {
  constructor(
    private readonly dispatch: DispatchDue,
    @Inject(DISPATCH_EVERY_MS) everyMs: number,
  ) {
    super('Notification', 'Dispatching notifications', everyMs);
  }

  protected async round(): Promise<string | undefined> {
    const made = await this.dispatch.run();
    return made.length > 0 ? `Notification attempts: ${made.map((attempt) => attempt.outcome).join(', ')}.` : undefined;
  }
}
