/**
 * Failures of the application layer. The consumer dead-letters the first three at once (waiting
 * cannot fix them); an event that breaks its own contract is a bug (500, never appended); a
 * republication dated in the future is the caller's mistake (422).
 */
import type { ValidationIssue } from '@lastri/contracts';

import { EligibilityError } from '../domain/determination/eligibility-errors';

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

/** A republication dated in the future would apply rules before they take effect. */
export class RepublicationDateInFuture extends EligibilityError {
  override readonly name = 'RepublicationDateInFuture';
  readonly kind = 'invalid';
  constructor(readonly asOf: string, readonly today: string) {
    super(`asOf: ${asOf} is after today (${today}); rules are republished on or after the day they take effect.`);
  }
}
