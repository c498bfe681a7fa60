/**
 * What a supervisor's command can run into, as values the edge maps to HTTP: `kind` says whether
 * the thing is missing (404), the case has moved on (409) or the request itself is wrong (422).
 */
import type { Programme } from '../programmes';

export type EligibilityErrorKind = 'not-found' | 'conflict' | 'invalid';

export abstract class EligibilityError extends Error {
  abstract readonly kind: EligibilityErrorKind;
  abstract override readonly name: string;

  /** Stable, for clients to branch on: the error's name, e.g. ReviewAlreadyDecided. */
  get code(): string {
    return this.name;
  }
}

export class CaseNotDetermined extends EligibilityError {
  override readonly name = 'CaseNotDetermined';
  readonly kind = 'not-found';
  constructor(readonly caseId: string) {
    super(`Case ${caseId} has no eligibility determination.`);
  }
}

export class DeterminationNotFound extends EligibilityError {
  override readonly name = 'DeterminationNotFound';
  readonly kind = 'not-found';
  constructor(readonly determinationId: string, readonly caseId?: string) {
    super(caseId ? `Case ${caseId} has no determination ${determinationId}.` : `There is no determination ${determinationId}.`);
  }
}

export class DeterminationSuperseded extends EligibilityError {
  override readonly name = 'DeterminationSuperseded';
  readonly kind = 'conflict';
  constructor(readonly determinationId: string, readonly latestDeterminationId: string) {
    super(`Determination ${determinationId} has been superseded by ${latestDeterminationId}: override the current determination.`);
  }
}

export class ProgrammeNotDetermined extends EligibilityError {
  override readonly name = 'ProgrammeNotDetermined';
  readonly kind = 'invalid';
  constructor(readonly determinationId: string, readonly programme: Programme) {
    super(`Determination ${determinationId} did not evaluate ${programme}.`);
  }
}

export class ProgrammeUnderReview extends EligibilityError {
  override readonly name = 'ProgrammeUnderReview';
  readonly kind = 'conflict';
  constructor(readonly programme: Programme, readonly reviewId: string) {
    super(`${programme} awaits manual review ${reviewId}: decide the review instead of overriding.`);
  }
}

export class OverrideChangesNothing extends EligibilityError {
  override readonly name = 'OverrideChangesNothing';
  readonly kind = 'conflict';
  constructor(readonly programme: Programme, readonly eligible: boolean) {
    super(`${programme} is already ${eligible ? 'eligible' : 'not eligible'}: an override must change the outcome.`);
  }
}

export class ReviewNotFound extends EligibilityError {
  override readonly name = 'ReviewNotFound';
  readonly kind = 'not-found';
  constructor(readonly reviewId: string, readonly caseId?: string) {
    super(caseId ? `Case ${caseId} has no manual review ${reviewId}.` : `There is no manual review ${reviewId}.`);
  }
}

export class ReviewAlreadyDecided extends EligibilityError {
  override readonly name = 'ReviewAlreadyDecided';
  readonly kind = 'conflict';
  constructor(readonly reviewId: string) {
    super(`Manual review ${reviewId} has already been decided.`);
  }
}

export class ReviewSuperseded extends EligibilityError {
  override readonly name = 'ReviewSuperseded';
  readonly kind = 'conflict';
  constructor(readonly reviewId: string) {
    super(`Manual review ${reviewId} no longer applies: a later determination changed the outcome of its programmes.`);
  }
}

export class ProgrammeDecisionsMismatch extends EligibilityError {
  override readonly name = 'ProgrammeDecisionsMismatch';
  readonly kind = 'invalid';
  constructor(
    readonly reviewId: string,
    readonly missing: readonly Programme[],
    readonly unexpected: readonly string[],
  ) {
    const parts = [
      missing.length > 0 ? `no decision for ${missing.join(', ')}` : '',
      unexpected.length > 0 ? `${unexpected.join(', ')} not under this review or given twice` : '',
    ].filter(Boolean);
    super(`programmes: an approval decides each programme of review ${reviewId} exactly once (${parts.join('; ')}).`);
  }
}

export class ProgrammesNotExpected extends EligibilityError {
  override readonly name = 'ProgrammesNotExpected';
  readonly kind = 'invalid';
  constructor(readonly decision: string) {
    super(`programmes: only an APPROVED decision lists programmes; ${decision} applies to the whole review.`);
  }
}

export class ReasonRequired extends EligibilityError {
  override readonly name = 'ReasonRequired';
  readonly kind = 'invalid';
  constructor() {
    super('reason: a reason is required and cannot be blank.');
  }
}
