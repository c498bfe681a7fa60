/**
 * Rules take effect on their dates without anyone pressing a button: checked now and then, and
 * when the set of versions in force today differs from the last one seen (a version's
 * effectiveFrom has passed, or a release brought a version already in force), the rules are
 * republished as `service:eligibility`. The first check after a start always republishes, which
 * covers a date that passed while the service was down; republishing is idempotent, so a check
 * that finds nothing new costs a scan and appends nothing.
 */
import { wibDate } from '../../domain/calendar';
import type { EligibilityDependencies } from '../eligibility-dependencies';
import { ELIGIBILITY_SERVICE_ACTOR } from '../eligibility-dependencies';
import type { RepublicationReport, RepublishRules } from './republish-rules';

export class RepublishOnEffectiveDate {
  private lastSeen?: string;

  constructor(
    private readonly deps: Pick<EligibilityDependencies, 'catalogue' | 'clock'>,
    private readonly republish: Pick<RepublishRules, 'run'>,
  ) {}

  /** Republishes if the versions in force today changed since the last check; returns the report, if it did. */
  async check(): Promise<RepublicationReport | undefined> {
    const today = wibDate(this.deps.clock.now().toISOString());
    const inForce = this.deps.catalogue
      .inForce(today)
      .map(({ ruleSet, contentHash }) => `${ruleSet.id}@${ruleSet.version}#${contentHash}`)
      .join(',');
    if (inForce === this.lastSeen) return undefined;
    const report = await this.republish.run({ asOf: today, actor: ELIGIBILITY_SERVICE_ACTOR });
    this.lastSeen = inForce;
    return report;
  }
}
