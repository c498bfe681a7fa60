/** What the API reads: an agency's referrals, the referrals in a caseworker's scope, a resident's, and the escalations queue. */
import { canActInKelurahan, hasRole, type Actor } from '@lastri/auth';
import { EVENT_STORE, type EventStore } from '@lastri/event-store';
import { Inject, Injectable } from '@nestjs/common';

import { refuse, type ReferralNotFound } from '../../domain/referral.errors';
import { isFinished, type Referral, type ReferralStatus } from '../../domain/referral.state';
import { findAgency } from '../../domain/agencies';
import { IntakeContact } from '../support/intake-contact';
import { ReferralIndex } from '../support/referral-index';
import { agencyReferralView, referralView, type AgencyReferralView, type EscalationView, type ReferralView } from './referral-views';

export interface ReferralFilter {
  readonly residentId?: string;
  readonly caseId?: string;
  readonly status?: ReferralStatus;
}

/** Staff see a referral of a resident in their kelurahan (supervisors and admins: the city; auditors: all). */
export function mayRead(actor: Actor, referral: Referral): boolean {
  return hasRole(actor, 'auditor') || canActInKelurahan(actor, referral.kelurahanCode);
}

@Injectable()
export class ReferralQueries {
  private readonly intake: IntakeContact;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly index: ReferralIndex,
  ) {
    this.intake = new IntakeContact(store);
  }

  async forAgency(agencyId: string, status?: ReferralStatus): Promise<AgencyReferralView[]> {
    const referrals = oldestFirst(await this.index.all()).filter((referral) => referral.agencyId === agencyId && (status === undefined || referral.status === status));
    return Promise.all(referrals.map(async (referral) => agencyReferralView(referral, await this.intake.of(referral.residentId))));
  }

  /** One referral addressed to the agency; another agency's is not found, exactly like one that does not exist. */
  async oneForAgency(agencyId: string, referralId: string): Promise<AgencyReferralView | ReferralNotFound> {
    const referral = await this.index.find(referralId);
    if (!referral || referral.agencyId !== agencyId) return refuse.referralNotFound(referralId);
    return agencyReferralView(referral, await this.intake.of(referral.residentId));
  }

  async forStaff(actor: Actor, filter: ReferralFilter): Promise<ReferralView[]> {
    return oldestFirst(await this.index.all())
      .filter((referral) => mayRead(actor, referral))
      .filter((referral) => filter.residentId === undefined || referral.residentId === filter.residentId)
      .filter((referral) => filter.caseId === undefined || referral.caseId === filter.caseId)
      .filter((referral) => filter.status === undefined || referral.status === filter.status)
      .map(referralView);
  }

  /** The referral if the actor may see it; otherwise, as if it did not exist. */
  async oneForStaff(actor: Actor, referralId: string): Promise<ReferralView | ReferralNotFound> {
    const referral = await this.index.find(referralId);
    if (!referral || !mayRead(actor, referral)) return refuse.referralNotFound(referralId);
    return referralView(referral);
  }

  async ofResident(actor: Actor, residentId: string): Promise<ReferralView[]> {
    return (await this.index.ofResident(residentId)).filter((referral) => mayRead(actor, referral)).map(referralView);
  }

  /** The supervisors' queue: escalated deadlines the agency has still not met, oldest due date first. */
  async escalations(): Promise<EscalationView[]> {
    return (await this.index.all())
      .filter((referral) => !isFinished(referral))
      .flatMap((referral) =>
        referral.escalations.filter((escalation) => !deadlineMet(referral, escalation.deadline)).map((escalation) => ({
          referralId: referral.referralId,
          residentId: referral.residentId,
          caseId: referral.caseId,
          kelurahanCode: referral.kelurahanCode,
          programme: referral.programme,
          agencyId: referral.agencyId,
          agencyName: findAgency(referral.agencyId)?.name ?? referral.agencyId,
          status: referral.status,
          deadline: escalation.deadline,
          dueAt: escalation.dueAt,
          escalatedAt: escalation.escalatedAt,
        })),
      )
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }
}

function deadlineMet(referral: Referral, deadline: 'ACKNOWLEDGE' | 'DECIDE'): boolean {
  return deadline === 'ACKNOWLEDGE' ? (referral.acknowledgedAt ?? referral.decidedAt) !== undefined : referral.decidedAt !== undefined;
}

function oldestFirst(referrals: readonly Referral[]): Referral[] {
  return [...referrals].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}
