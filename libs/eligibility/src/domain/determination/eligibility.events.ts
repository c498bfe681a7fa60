import type {
  EligibilityDeterminedV1Data,
  EligibilityOverriddenV1Data,
  ManualReviewDecidedV1Data,
  ManualReviewRequiredV1Data,
} from '@lastri/contracts';

/** The events of an `eligibility-<residentId>` stream, at their latest schema versions. */
export type EligibilityEvent =
  | { readonly type: 'EligibilityDetermined'; readonly data: EligibilityDeterminedV1Data }
  | { readonly type: 'ManualReviewRequired'; readonly data: ManualReviewRequiredV1Data }
  | { readonly type: 'ManualReviewDecided'; readonly data: ManualReviewDecidedV1Data }
  | { readonly type: 'EligibilityOverridden'; readonly data: EligibilityOverriddenV1Data };

/** An event as read back from the stream: what caused it matters for idempotency. */
export type RecordedEligibilityEvent = EligibilityEvent & { readonly causationId?: string };

export type DeterminationTrigger = EligibilityDeterminedV1Data['trigger'];
export type SourceEvent = EligibilityDeterminedV1Data['sourceEvents'][number];
export type ReviewDecision = ManualReviewDecidedV1Data['decision'];
export type Decider = ManualReviewDecidedV1Data['decidedBy'];
