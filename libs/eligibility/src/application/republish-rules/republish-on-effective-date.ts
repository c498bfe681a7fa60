/**
 * Rules take effect on their dates without anyone pressing a button: checked now and then, and
 * when the set of versions in force today differs from the last one seen (a version's
 * effectiveFrom has passed, or a release brought a version already in force), the rules are
 * republished as `service:eligibility`. The first check after a start always republishes, which
 * covers a date that passed while the service was down; republishing is idempotent, so a check
 * that finds nothing new costs a scan and appends nothing.
 */
import { wibDateOf } from '@lastri/kernel';

import { Inject, Injectable } from '@nestjs/common';

import { isEligibilityError } from '../../domain/determination/eligibility.errors';
import { ELIGIBILITY_DEPENDENCIES, ELIGIBILITY_SERVICE_ACTOR, type EligibilityDependencies } from '../eligibility-dependencies';
import { RepublishRules, type RepublicationReport } from './republish-rules';

@Injectable()
export class RepublishOnEffectiveDate {
  private lastSeen?: string;

  constructor(
    @Inject(ELIGIBILITY_DEPENDENCIES) private readonly deps: Pick<EligibilityDependencies, 'catalogue' | 'clock'>,
    @Inject(RepublishRules) private readonly republish: Pick<RepublishRules, 'run'>,
  ) {}

  /** Republishes if the versions in force today changed since the last check; returns the report, if it did. */
  async check(): Promise<RepublicationReport | undefined> {
    const today = wibDateOf(this.deps.clock.now().toISOString());
    const inForce = this.deps.catalogue
      .inForce(today)
      .map(({ ruleSet, contentHash }) => `${ruleSet.id}@${ruleSet.version}#${contentHash}`)
      .join(',');
    if (inForce === this.lastSeen) return undefined;
    const report = await this.republish.run({ asOf: today, actor: ELIGIBILITY_SERVICE_ACTOR });
    // Today is never after today: a refusal here means the clock and the check disagree.
    if (isEligibilityError(report)) throw new Error(report.message);
    this.lastSeen = inForce;
    return report;
  }
}
