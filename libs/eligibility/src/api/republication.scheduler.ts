/** Runs RepublishOnEffectiveDate at start and then periodically, in whatever host imports the module. */
import { RecurringTask } from '@lastri/service-host';
import { Inject, Injectable } from '@nestjs/common';

import { RepublishOnEffectiveDate } from '../application/republish-rules/republish-on-effective-date';

export const REPUBLICATION_CHECK_EVERY_MS = Symbol('REPUBLICATION_CHECK_EVERY_MS');

@Injectable()
export class RepublicationScheduler extends RecurringTask {
  constructor(
    private readonly schedule: RepublishOnEffectiveDate,
    @Inject(REPUBLICATION_CHECK_EVERY_MS) everyMs: number,
  ) {
    super('Eligibility', 'Republishing the rules in force', everyMs);
  }

  protected async round(): Promise<string | undefined> {
    const report = await this.schedule.check();
    if (!report || report.changed.length === 0) return undefined;
    return `Rules in force on ${report.asOf} republished: ${report.changed.length} case(s) changed (republication ${report.republicationId}).`;
  }
}
