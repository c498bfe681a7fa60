/** Runs EscalateOverdue at start and then periodically, in whatever host imports the module. */
import { RecurringTask } from '@lastri/service-host';
import { Inject, Injectable } from '@nestjs/common';

import { EscalateOverdue } from '../application/escalate-overdue/escalate-overdue';
import { DEADLINE_CHECK_EVERY_MS } from './referral.tokens';

@Injectable()
export class DeadlineScheduler extends RecurringTask {
  constructor(
    private readonly escalate: EscalateOverdue,
    @Inject(DEADLINE_CHECK_EVERY_MS) everyMs: number,
  ) {
    super('Referral', 'Checking referral deadlines', everyMs);
  }

  protected async round(): Promise<string | undefined> {
    const escalated = await this.escalate.check();
    return escalated.length > 0 ? `Escalated ${escalated.length} missed referral deadline(s).` : undefined;
  }
}
