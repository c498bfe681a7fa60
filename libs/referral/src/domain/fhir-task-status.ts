/**
 * LASTRI's referral statuses as FHIR R4 `Task.status` (http://hl7.org/fhir/R4/task.html), so that
 * an agency whose system speaks FHIR recognises them; `businessStatus` keeps LASTRI's own word
 * where two statuses share a FHIR code. The table is documented in docs/referral.md.
 */
import { assertNever } from '@lastri/kernel';

import type { ReferralStatus } from './referral.state';

export type FhirTaskStatus = 'requested' | 'received' | 'accepted' | 'rejected' | 'in-progress' | 'completed' | 'cancelled';

export interface FhirTaskStatusOf {
  readonly status: FhirTaskStatus;
  readonly businessStatus: string;
}

export function fhirTaskStatus(status: ReferralStatus): FhirTaskStatusOf {
  switch (status) {
    case 'CREATED':
      return { status: 'requested', businessStatus: 'created' };
    case 'SENT':
      return { status: 'requested', businessStatus: 'sent' };
    case 'ACKNOWLEDGED':
      return { status: 'received', businessStatus: 'acknowledged' };
    case 'ACCEPTED':
      return { status: 'accepted', businessStatus: 'accepted' };
    case 'DECLINED':
      return { status: 'rejected', businessStatus: 'declined' };
    case 'IN_SERVICE':
      return { status: 'in-progress', businessStatus: 'in-service' };
    case 'COMPLETED':
      return { status: 'completed', businessStatus: 'completed' };
    // FHIR's cancelled is "not completed": a closed referral was not, whoever ended it.
    case 'CLOSED':
      return { status: 'cancelled', businessStatus: 'closed' };
    case 'CANCELLED':
      return { status: 'cancelled', businessStatus: 'cancelled' };
    default:
      return assertNever(status, 'referral status');
  }
}
