/**
 * Every message LASTRI sends a resident, in one reviewable place: one template per moment, each
 * with an e-mail (subject and body) and a short SMS/WhatsApp text, in Bahasa Indonesia.
 */
import { caseReceived, type CaseReceivedParameters } from './case-received.template';
import { eligibilityOutcome, type EligibilityOutcomeParameters } from './eligibility-outcome.template';
import { manualReview, type ManualReviewParameters } from './manual-review.template';
import { render, type RenderedMessage } from './message-template';
import { referralAccepted, type ReferralAcceptedParameters } from './referral-accepted.template';
import { referralDeclined, type ReferralDeclinedParameters } from './referral-declined.template';
import { serviceCompleted, type ServiceCompletedParameters } from './service-completed.template';

export type { RenderedMessage } from './message-template';
export type { ProgrammeOutcome } from './eligibility-outcome.template';
export type { ReviewReasonCode } from './manual-review.template';
export type { CompletionOutcome } from './service-completed.template';

/** A moment of the resident's case, with what its message says. */
export type Moment =
  | { readonly template: 'case-received'; readonly parameters: CaseReceivedParameters }
  | { readonly template: 'eligibility-outcome'; readonly parameters: EligibilityOutcomeParameters }
  | { readonly template: 'manual-review'; readonly parameters: ManualReviewParameters }
  | { readonly template: 'referral-accepted'; readonly parameters: ReferralAcceptedParameters }
  | { readonly template: 'referral-declined'; readonly parameters: ReferralDeclinedParameters }
  | { readonly template: 'service-completed'; readonly parameters: ServiceCompletedParameters };

export const TEMPLATES = { caseReceived, eligibilityOutcome, manualReview, referralAccepted, referralDeclined, serviceCompleted };

export function renderMoment(moment: Moment): RenderedMessage {
  switch (moment.template) {
    case 'case-received':
      return render(caseReceived, moment.parameters);
    case 'eligibility-outcome':
      return render(eligibilityOutcome, moment.parameters);
    case 'manual-review':
      return render(manualReview, moment.parameters);
    case 'referral-accepted':
      return render(referralAccepted, moment.parameters);
    case 'referral-declined':
      return render(referralDeclined, moment.parameters);
    case 'service-completed':
      return render(serviceCompleted, moment.parameters);
  }
}
