/**
 * The referrals of one resident, folded from their `referral-<residentId>` stream. A referral's
 * status is the lifecycle of issue 11: CREATED → SENT → ACKNOWLEDGED → ACCEPTED | DECLINED →
 * IN_SERVICE → COMPLETED | CLOSED; CANCELLED when its ground falls away; a DECLINED referral can
 * be re-routed (it keeps its status and names the referral that replaced it).
 */
import { assertNever } from '@lastri/kernel';

import type { DeadlineKind, NeedCategory, Programme, ReferralCause, ReferralEvent } from './referral.events';

export type ReferralStatus =
  | 'CREATED'
  | 'SENT'
  | 'ACKNOWLEDGED'
  | 'ACCEPTED'
  | 'DECLINED'
  | 'IN_SERVICE'
  | 'COMPLETED'
  | 'CLOSED'
  | 'CANCELLED';

export const REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'CREATED',
  'SENT',
  'ACKNOWLEDGED',
  'ACCEPTED',
  'DECLINED',
  'IN_SERVICE',
  'COMPLETED',
  'CLOSED',
  'CANCELLED',
];

export interface Escalation {
  readonly deadline: DeadlineKind;
  readonly dueAt: string;
  readonly escalatedAt: string;
}

export interface Referral {
  readonly referralId: string;
  readonly caseId: string;
  readonly residentId: string;
  readonly kelurahanCode: string;
  readonly determinationId: string;
  readonly cause: ReferralCause;
  readonly programme: Programme;
  readonly agencyId: string;
  readonly needCategory: NeedCategory;
  readonly priority: 'NORMAL' | 'PRIORITY';
  readonly routingTableVersion: string;
  readonly createdAt: string;
  readonly acknowledgeDueAt: string;
  readonly decideDueAt: string;
  readonly status: ReferralStatus;
  /** When the status last changed. */
  readonly updatedAt: string;
  readonly acknowledgedAt?: string;
  readonly decidedAt?: string;
  readonly declineReason?: { readonly code: string; readonly reason: string };
  readonly outcome?: string;
  readonly reroutedFrom?: string;
  readonly reroutedTo?: string;
  readonly escalations: readonly Escalation[];
}

export interface ReferralState {
  /** In creation order. */
  readonly referrals: ReadonlyMap<string, Referral>;
}

export const initialState: ReferralState = { referrals: new Map() };

/** No further step: delivered, closed or cancelled, or declined and already re-routed. */
export function isFinished(referral: Referral): boolean {
  return (
    referral.status === 'COMPLETED' ||
    referral.status === 'CLOSED' ||
    referral.status === 'CANCELLED' ||
    (referral.status === 'DECLINED' && referral.reroutedTo !== undefined)
  );
}

export function evolve(state: ReferralState, event: ReferralEvent): ReferralState {
  switch (event.type) {
    case 'ReferralCreated': {
      const { data } = event;
      const referrals = new Map(state.referrals);
      referrals.set(data.referralId, {
        referralId: data.referralId,
        caseId: data.caseId,
        residentId: data.residentId,
        kelurahanCode: data.kelurahanCode,
        determinationId: data.determinationId,
        cause: data.cause,
        programme: data.programme,
        agencyId: data.agencyId,
        needCategory: data.needCategory,
        priority: data.priority,
        routingTableVersion: data.routingTableVersion,
        createdAt: data.createdAt,
        acknowledgeDueAt: data.acknowledgeDueAt,
        decideDueAt: data.decideDueAt,
        status: 'CREATED',
        updatedAt: data.createdAt,
        ...(data.reroutedFrom ? { reroutedFrom: data.reroutedFrom } : {}),
        escalations: [],
      });
      return { referrals };
    }
    case 'ReferralSent':
      return update(state, event.data.referralId, () => ({ status: 'SENT', updatedAt: event.data.sentAt }));
    case 'ReferralAcknowledged':
      return update(state, event.data.referralId, () => ({
        status: 'ACKNOWLEDGED',
        updatedAt: event.data.acknowledgedAt,
        acknowledgedAt: event.data.acknowledgedAt,
      }));
    case 'ReferralAccepted':
      return update(state, event.data.referralId, () => ({ status: 'ACCEPTED', updatedAt: event.data.acceptedAt, decidedAt: event.data.acceptedAt }));
    case 'ReferralDeclined':
      return update(state, event.data.referralId, () => ({
        status: 'DECLINED',
        updatedAt: event.data.declinedAt,
        decidedAt: event.data.declinedAt,
        declineReason: { code: event.data.reasonCode, reason: event.data.reason },
      }));
    case 'ServiceStarted':
      return update(state, event.data.referralId, () => ({ status: 'IN_SERVICE', updatedAt: `${event.data.startedOn}T00:00:00+07:00` }));
    case 'ReferralCompleted':
      return update(state, event.data.referralId, () => ({
        status: 'COMPLETED',
        updatedAt: `${event.data.completedOn}T00:00:00+07:00`,
        outcome: event.data.outcome,
      }));
    case 'ReferralClosed':
      return update(state, event.data.referralId, () => ({ status: 'CLOSED', updatedAt: event.data.closedAt }));
    case 'ReferralCancelled':
      return update(state, event.data.referralId, () => ({ status: 'CANCELLED', updatedAt: event.data.cancelledAt }));
    case 'ReferralRerouted':
      return update(state, event.data.referralId, () => ({ reroutedTo: event.data.toReferralId, updatedAt: event.data.reroutedAt }));
    case 'ReferralEscalated':
      return update(state, event.data.referralId, (referral) => ({
        escalations: [
          ...referral.escalations,
          { deadline: event.data.deadline, dueAt: event.data.dueAt, escalatedAt: event.data.escalatedAt },
        ],
      }));
    default:
      return assertNever(event, 'referral event');
  }
}

function update(state: ReferralState, referralId: string, change: (referral: Referral) => Partial<Referral>): ReferralState {
  const referral = state.referrals.get(referralId);
  // An event about a referral the stream never created cannot come from this decider; ignore it.
  if (!referral) return state;
  const referrals = new Map(state.referrals);
  referrals.set(referralId, { ...referral, ...change(referral) });
  return { referrals };
}
