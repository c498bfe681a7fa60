/**
 * Which events of the other contexts are moments a resident is told about, and what their message
 * says: case received (CaseSubmitted), the eligibility outcome with the criteria not met
 * (EligibilityDetermined), a manual review and what to bring (ManualReviewRequired), and a
 * referral accepted, declined or completed.
 */
import type {
  CaseSubmittedV2Data,
  EligibilityDeterminedV1Data,
  ManualReviewRequiredV1Data,
  ReferralAcceptedV1Data,
  ReferralCompletedV1Data,
  ReferralDeclinedV1Data,
} from '@lastri/contracts';
import { EventTypes } from '@lastri/contracts';
import { wibDateOf } from '@lastri/kernel';

import type { Moment } from '../../templates';
import type { EventReceived } from '../notification-dependencies';
import type { ReferralRecord } from '../support/referral-record';

export const MOMENT_EVENT_TYPES: readonly string[] = [
  EventTypes.CaseSubmitted,
  EventTypes.EligibilityDetermined,
  EventTypes.ManualReviewRequired,
  EventTypes.ReferralAccepted,
  EventTypes.ReferralDeclined,
  EventTypes.ReferralCompleted,
];

export function isMoment(type: string): boolean {
  return MOMENT_EVENT_TYPES.includes(type);
}

/** The moment of an event (its data at the latest schema version), for a resident called `name`. */
export async function momentOf(event: EventReceived<unknown>, name: string, referrals: ReferralRecord): Promise<Moment> {
  switch (event.type) {
    case EventTypes.CaseSubmitted: {
      const data = event.data as CaseSubmittedV2Data;
      return { template: 'case-received', parameters: { name, caseId: data.caseId, submittedOn: wibDateOf(data.submittedAt) } };
    }
    case EventTypes.EligibilityDetermined: {
      const data = event.data as EligibilityDeterminedV1Data;
      return {
        template: 'eligibility-outcome',
        parameters: {
          name,
          caseId: data.caseId,
          programmes: data.programmes.map((programme) => ({
            programme: programme.programme,
            outcome: programme.outcome,
            unmet: programme.criteria
              .filter((criterion) => !criterion.passed)
              .map((criterion) => ({ description: criterion.description, observed: criterion.observed })),
          })),
        },
      };
    }
    case EventTypes.ManualReviewRequired: {
      const data = event.data as ManualReviewRequiredV1Data;
      return {
        template: 'manual-review',
        parameters: { name, caseId: data.caseId, programmes: [...data.programmes], reasons: data.reasons.map((reason) => reason.code) },
      };
    }
    case EventTypes.ReferralAccepted: {
      const data = event.data as ReferralAcceptedV1Data;
      const programme = await referrals.programmeOf(event.residentId, data.referralId);
      return {
        template: 'referral-accepted',
        parameters: { name, programme, agencyId: data.agencyId, ...(data.expectedStartOn ? { expectedStartOn: data.expectedStartOn } : {}) },
      };
    }
    case EventTypes.ReferralDeclined: {
      const data = event.data as ReferralDeclinedV1Data;
      const programme = await referrals.programmeOf(event.residentId, data.referralId);
      return { template: 'referral-declined', parameters: { name, programme, agencyId: data.agencyId, reason: data.reason } };
    }
    case EventTypes.ReferralCompleted: {
      const data = event.data as ReferralCompletedV1Data;
      const programme = await referrals.programmeOf(event.residentId, data.referralId);
      return {
        template: 'service-completed',
        parameters: { name, programme, agencyId: data.agencyId, completedOn: data.completedOn, outcome: data.outcome },
      };
    }
    default:
      throw new RangeError(`${event.type} is not a moment residents are told about.`);
  }
}

/** The case an event is about, for the metadata of what it causes. */
export function caseOf(event: EventReceived<unknown>): string | undefined {
  const caseId = (event.data as { caseId?: unknown }).caseId;
  return typeof caseId === 'string' ? caseId : undefined;
}
