/** What the API answers: a referral as staff see it, as its agency sees it, and an escalation. */
import { findAgency } from '../../domain/agencies';
import type { DeadlineKind } from '../../domain/referral.events';
import type { Referral, ReferralStatus } from '../../domain/referral.state';
import { fhirTaskStatus, type FhirTaskStatusOf } from '../../domain/fhir-task-status';
import type { ResidentContact } from '../support/intake-contact';

export interface ReferralView {
  readonly referralId: string;
  readonly residentId: string;
  readonly caseId: string;
  readonly kelurahanCode: string;
  readonly programme: string;
  readonly agencyId: string;
  readonly agencyName: string;
  readonly needCategory: string;
  readonly priority: string;
  readonly status: ReferralStatus;
  readonly fhir: FhirTaskStatusOf;
  readonly determinationId: string;
  readonly cause: Referral['cause'];
  readonly routingTableVersion: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly acknowledgeDueAt: string;
  readonly decideDueAt: string;
  readonly acknowledgedAt?: string;
  readonly decidedAt?: string;
  readonly declineReason?: Referral['declineReason'];
  readonly outcome?: string;
  readonly reroutedFrom?: string;
  readonly reroutedTo?: string;
  readonly escalations: Referral['escalations'];
}

/** An agency's view: only what its programme needs (no case, resident id, kelurahan of record, history of others). */
export interface AgencyReferralView {
  readonly referralId: string;
  readonly programme: string;
  readonly needCategory: string;
  readonly priority: string;
  readonly status: ReferralStatus;
  readonly fhir: FhirTaskStatusOf;
  readonly createdAt: string;
  readonly acknowledgeDueAt: string;
  readonly decideDueAt: string;
  readonly resident: ResidentContact | null;
}

export interface EscalationView {
  readonly referralId: string;
  readonly residentId: string;
  readonly caseId: string;
  readonly kelurahanCode: string;
  readonly programme: string;
  readonly agencyId: string;
  readonly agencyName: string;
  readonly status: ReferralStatus;
  readonly deadline: DeadlineKind;
  readonly dueAt: string;
  readonly escalatedAt: string;
}

export function referralView(referral: Referral): ReferralView {
  const { residentId, caseId, kelurahanCode, programme, agencyId, needCategory, priority, status, determinationId, cause } = referral;
  return {
    referralId: referral.referralId,
    residentId,
    caseId,
    kelurahanCode,
    programme,
    agencyId,
    agencyName: findAgency(agencyId)?.name ?? agencyId,
    needCategory,
    priority,
    status,
    fhir: fhirTaskStatus(status),
    determinationId,
    cause,
    routingTableVersion: referral.routingTableVersion,
    createdAt: referral.createdAt,
    updatedAt: referral.updatedAt,
    acknowledgeDueAt: referral.acknowledgeDueAt,
    decideDueAt: referral.decideDueAt,
    ...(referral.acknowledgedAt ? { acknowledgedAt: referral.acknowledgedAt } : {}),
    ...(referral.decidedAt ? { decidedAt: referral.decidedAt } : {}),
    ...(referral.declineReason ? { declineReason: referral.declineReason } : {}),
    ...(referral.outcome ? { outcome: referral.outcome } : {}),
    ...(referral.reroutedFrom ? { reroutedFrom: referral.reroutedFrom } : {}),
    ...(referral.reroutedTo ? { reroutedTo: referral.reroutedTo } : {}),
    escalations: referral.escalations,
  };
}

export function agencyReferralView(referral: Referral, resident: ResidentContact | undefined): AgencyReferralView {
  return {
    referralId: referral.referralId,
    programme: referral.programme,
    needCategory: referral.needCategory,
    priority: referral.priority,
    status: referral.status,
    fhir: fhirTaskStatus(referral.status),
    createdAt: referral.createdAt,
    acknowledgeDueAt: referral.acknowledgeDueAt,
    decideDueAt: referral.decideDueAt,
    resident: resident ?? null,
  };
}
