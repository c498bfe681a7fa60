import type { ReferralAcceptedV1Data, ReferralCompletedV1Data, ServiceStartedV1Data } from '@lastri/contracts';

import type { AgencyId } from './agencies';
import type {
  CancelReasonCode,
  CloseReasonCode,
  DeadlineKind,
  DeclineReasonCode,
  NeedCategory,
  Programme,
  ReferralCause,
} from './referral.events';

/** One programme to refer: its id (derived from the cause, so a repeat finds it), agency and due dates. */
export interface ProgrammeReferral {
  readonly referralId: string;
  readonly programme: Programme;
  readonly agencyId: AgencyId;
  readonly acknowledgeDueAt: string;
  readonly decideDueAt: string;
}

/**
 * From a determination, an approved review or an override: one referral per programme, created and
 * sent to the agency's queue at once. A programme that already has a referral for the case that is
 * not cancelled, or whose referral id is already taken, is skipped: a repeat creates nothing.
 */
export interface CreateReferrals {
  readonly type: 'CreateReferrals';
  readonly data: {
    readonly caseId: string;
    readonly residentId: string;
    readonly kelurahanCode: string;
    readonly determinationId: string;
    readonly cause: ReferralCause;
    readonly needCategory: NeedCategory;
    readonly priority: 'NORMAL' | 'PRIORITY';
    readonly routingTableVersion: string;
    readonly at: string;
    readonly referrals: readonly ProgrammeReferral[];
  };
}

/** What every agency command names: the referral, and the agency acting (another agency's referral is not found). */
interface AgencyAct {
  readonly referralId: string;
  readonly agencyId: string;
}

export interface Acknowledge {
  readonly type: 'Acknowledge';
  readonly data: AgencyAct & { readonly at: string };
}

export interface Accept {
  readonly type: 'Accept';
  readonly data: AgencyAct & { readonly at: string } & Pick<ReferralAcceptedV1Data, 'agencyReference' | 'expectedStartOn'>;
}

export interface Decline {
  readonly type: 'Decline';
  readonly data: AgencyAct & { readonly at: string; readonly reasonCode: DeclineReasonCode; readonly reason: string };
}

export interface StartService {
  readonly type: 'StartService';
  readonly data: AgencyAct & Pick<ServiceStartedV1Data, 'startedOn' | 'serviceDescription'>;
}

export interface Complete {
  readonly type: 'Complete';
  readonly data: AgencyAct & Pick<ReferralCompletedV1Data, 'completedOn' | 'outcome' | 'outcomeNote'>;
}

/** A caseworker or supervisor closes a referral that will not be completed. */
export interface Close {
  readonly type: 'Close';
  readonly data: { readonly referralId: string; readonly at: string; readonly reasonCode: CloseReasonCode; readonly reason: string };
}

/** The ground fell away: cancel the case's open referrals (of one programme, or all). Nothing open, nothing emitted. */
export interface CancelReferrals {
  readonly type: 'CancelReferrals';
  readonly data: {
    readonly caseId: string;
    readonly programme?: Programme;
    readonly reasonCode: CancelReasonCode;
    readonly causationEventId: string;
    readonly at: string;
  };
}

/** A declined referral goes to another agency as a new referral, with new due dates. */
export interface Reroute {
  readonly type: 'Reroute';
  readonly data: {
    readonly referralId: string;
    readonly toAgencyId: AgencyId;
    readonly newReferralId: string;
    readonly reason: string;
    readonly at: string;
    readonly acknowledgeDueAt: string;
    readonly decideDueAt: string;
    readonly routingTableVersion: string;
  };
}

/** A deadline passed without the agency acting: escalated once per deadline. */
export interface Escalate {
  readonly type: 'Escalate';
  readonly data: { readonly referralId: string; readonly deadline: DeadlineKind; readonly at: string };
}

export type ReferralCommand =
  | CreateReferrals
  | Acknowledge
  | Accept
  | Decline
  | StartService
  | Complete
  | Close
  | CancelReferrals
  | Reroute
  | Escalate;

export type ReferralCommandType = ReferralCommand['type'];
