/**
 * @lastri/eligibility: programme rules as versioned data, determinations explained per criterion,
 * manual reviews, overrides, republication of rules and re-runs for auditors.
 */
export { EligibilityModule, type EligibilityModuleOptions } from './eligibility.module';
export { RULE_CATALOGUE, ELIGIBILITY_CLOCK } from './api/eligibility.tokens';
export { ELIGIBILITY_CONSUMER, IntakeEventsConsumer } from './api/events/intake-events.consumer';

export { RuleCatalogue, contentHashOf, type PublishedRuleSet } from './domain/rules/rule-catalogue';
export type { RuleSet } from './domain/rules/rule-set';
export { RuleSetInvalidError, RuleCatalogueError } from './domain/rules/rule-set-errors';
export { loadRuleCatalogue, loadRuleSets, RULES_DIRECTORY } from './infrastructure/rule-files';
export { PROGRAMMES, type Programme } from './domain/programmes';

export { RepublishRules, type RepublicationReport, type ChangedCase } from './application/republish-rules/republish-rules';
export { RerunDetermination, type AuditRerunReport } from './application/rerun-determination/rerun-determination';
export { EligibilityCaseIndex } from './application/case-index/eligibility-case-index';
export { EligibilityQueries } from './application/queries/eligibility-queries';
export { eligibilityCommands, type EligibilityCliCommand } from './cli/eligibility.commands';
