/**
 * Failures of the application layer. The consumer dead-letters the first three at once (waiting
 * cannot fix them); an event that breaks its own contract is a bug (500, never appended). What a
 * caller can get wrong is an EligibilityError value instead (domain/determination/eligibility.errors.ts).
 */
import type { ValidationIssue } from '@lastri/contracts';

/** No programme has rules in force on the case's date: nothing can be determined, now or on retry. */
export class NoRuleSetInForce extends Error {
  override readonly name = 'NoRuleSetInForce';
  constructor(readonly rulesAsOf: string) {
    super(`No programme has rules in force on ${rulesAsOf}: the earliest rule set takes effect later.`);
  }
}

/** A determination pinned a rule-set version that is no longer published: its case cannot be re-evaluated as it stood. */
export class PinnedRuleSetMissing extends Error {
  override readonly name = 'PinnedRuleSetMissing';
  constructor(readonly ruleSetId: string, readonly version: string) {
    super(`Rule set ${ruleSetId} version ${version} is pinned by a determination but no longer published.`);
  }
}

/**
 * The intake event a message announced is not in the event store this service reads. Eligibility
 * records the store positions of what it read, so it must share the store intake writes to.
 */
export class IntakeEventNotInStore extends Error {
  override readonly name = 'IntakeEventNotInStore';
  constructor(readonly streamName: string, readonly eventId: string) {
    super(`Intake event ${eventId} is not in ${streamName}: is this service reading the event store intake writes to?`);
  }
}

/** An event eligibility was about to append does not satisfy its published schema: a bug, never appended. */
export class InvalidEligibilityEvent extends Error {
  override readonly name = 'InvalidEligibilityEvent';
  constructor(readonly type: string, readonly issues: readonly ValidationIssue[]) {
    super(`${type} would break its contract: ${issues.map((issue) => `${issue.path || '/'} ${issue.message}`).join('; ')}`);
  }
}
