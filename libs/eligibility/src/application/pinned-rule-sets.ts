import type { EligibilityDeterminedV1Data } from '@lastri/contracts';

import type { PublishedRuleSet, RuleCatalogue } from '../domain/rules/rule-catalogue';
import { PinnedRuleSetMissing } from './application-errors';

/**
 * The rule-set versions a determination applied. New facts are judged by the same versions: a
 * change of rules is a republication, which says so, never a side effect of a change of address.
 */
export function pinnedRuleSets(catalogue: RuleCatalogue, determination: EligibilityDeterminedV1Data): PublishedRuleSet[] {
  return determination.programmes.map(({ ruleSet }) => {
    const published = catalogue.find(ruleSet.id, ruleSet.version);
    if (!published) throw new PinnedRuleSetMissing(ruleSet.id, ruleSet.version);
    return published;
  });
}
