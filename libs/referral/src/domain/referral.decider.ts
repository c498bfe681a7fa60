/**
 * decide(command, state) → events for one resident's referral stream. Ids, times and due dates
 * come in with the command, so the same command on the same history always gives the same events:
 * that is what makes a redelivered determination, or a second scheduler, harmless.
 */
import { assertNever, type Decider } from '@lastri/kernel';

import { isAgencyId } from './agencies';
import type {
  Accept,
  Acknowledge,
  CancelReferrals,
  Close,
  Complete,
  CreateReferrals,
  Decline,
  Escalate,
  ReferralCommand,
  Reroute,
  StartService,
} from './referral.commands';
import { refuse, type ReferralError } from './referral.errors';
import type { ReferralEvent } from './referral.events';
import { evolve, initialState, isFinished, type Referral, type ReferralState, type ReferralStatus } from './referral.state';

export type Decision = ReferralEvent[] | ReferralError;

export function decide(command: ReferralCommand, state: ReferralState): Decision {
  switch (command.type) {
    case 'CreateReferrals':
      return createReferrals(command.data, state);
    case 'Acknowledge':
      return acknowledge(command.data, state);
    case 'Accept':
      return accept(command.data, state);
    case 'Decline':
      return decline(command.data, state);
    case 'StartService':
      return startService(command.data, state);
    case 'Complete':
      return complete(command.data, state);
    case 'Close':
      return close(command.data, state);
    case 'CancelReferrals':
      return cancelReferrals(command.data, state);
    case 'Reroute':
      return reroute(command.data, state);
    case 'Escalate':
      return escalate(command.data, state);
    default:
      return assertNever(command, 'referral command');
  }
}

export const referralDecider: Decider<ReferralCommand, ReferralEvent, ReferralState, ReferralError> = {
  initialState,
  evolve,
  decide,
};

/** The statuses each agency step may start from. */
const AGENCY_STEPS = {
  Acknowledge: ['CREATED', 'SENT'],
  Accept: ['CREATED', 'SENT', 'ACKNOWLEDGED'],
  // An agency that accepted may still find it cannot serve (the resident cannot be reached).
  Decline: ['CREATED', 'SENT', 'ACKNOWLEDGED', 'ACCEPTED'],
  StartService: ['ACCEPTED'],
  Complete: ['IN_SERVICE'],
} as const satisfies Record<string, readonly ReferralStatus[]>;

function createReferrals(command: CreateReferrals['data'], state: ReferralState): ReferralEvent[] {
  const referrals = [...state.referrals.values()];
  return command.referrals.flatMap((wanted): ReferralEvent[] => {
    if (state.referrals.has(wanted.referralId)) return [];
    // One referral per case and programme while it stands; a cancelled one may be made again.
    const standing = referrals.some(
      (referral) => referral.caseId === command.caseId && referral.programme === wanted.programme && referral.status !== 'CANCELLED',
    );
    if (standing) return [];
    return [
      {
        type: 'ReferralCreated',
        data: {
          referralId: wanted.referralId,
          caseId: command.caseId,
          residentId: command.residentId,
          kelurahanCode: command.kelurahanCode,
          determinationId: command.determinationId,
          cause: command.cause,
          programme: wanted.programme,
          agencyId: wanted.agencyId,
          needCategory: command.needCategory,
          priority: command.priority,
          routingTableVersion: command.routingTableVersion,
          createdAt: command.at,
          acknowledgeDueAt: wanted.acknowledgeDueAt,
          decideDueAt: wanted.decideDueAt,
        },
      },
      { type: 'ReferralSent', data: { referralId: wanted.referralId, agencyId: wanted.agencyId, sentAt: command.at, via: 'AGENCY_API' } },
    ];
  });
}

/** The referral addressed to this agency in a status the step may start from, or why not. */
function agencyReferral(
  step: keyof typeof AGENCY_STEPS,
  { referralId, agencyId }: { referralId: string; agencyId: string },
  state: ReferralState,
): Referral | ReferralError {
  const referral = state.referrals.get(referralId);
  // Another agency's referral does not exist for this one: it learns nothing about it.
  if (!referral || referral.agencyId !== agencyId) return refuse.referralNotFound(referralId);
  if (!(AGENCY_STEPS[step] as readonly ReferralStatus[]).includes(referral.status)) {
    return refuse.transitionNotAllowed(referralId, referral.status, step);
  }
  return referral;
}

function acknowledge(command: Acknowledge['data'], state: ReferralState): Decision {
  const referral = agencyReferral('Acknowledge', command, state);
  if (isError(referral)) return referral;
  return [{ type: 'ReferralAcknowledged', data: { referralId: referral.referralId, agencyId: referral.agencyId, acknowledgedAt: command.at } }];
}

function accept(command: Accept['data'], state: ReferralState): Decision {
  const referral = agencyReferral('Accept', command, state);
  if (isError(referral)) return referral;
  return [
    {
      type: 'ReferralAccepted',
      data: {
        referralId: referral.referralId,
        agencyId: referral.agencyId,
        acceptedAt: command.at,
        ...(command.agencyReference !== undefined ? { agencyReference: command.agencyReference } : {}),
        ...(command.expectedStartOn !== undefined ? { expectedStartOn: command.expectedStartOn } : {}),
      },
    },
  ];
}

function decline(command: Decline['data'], state: ReferralState): Decision {
  const referral = agencyReferral('Decline', command, state);
  if (isError(referral)) return referral;
  if (command.reason.trim() === '') return refuse.reasonRequired();
  return [
    {
      type: 'ReferralDeclined',
      data: { referralId: referral.referralId, agencyId: referral.agencyId, declinedAt: command.at, reasonCode: command.reasonCode, reason: command.reason.trim() },
    },
  ];
}

function startService(command: StartService['data'], state: ReferralState): Decision {
  const referral = agencyReferral('StartService', command, state);
  if (isError(referral)) return referral;
  return [
    {
      type: 'ServiceStarted',
      data: {
        referralId: referral.referralId,
        agencyId: referral.agencyId,
        startedOn: command.startedOn,
        ...(command.serviceDescription !== undefined ? { serviceDescription: command.serviceDescription } : {}),
      },
    },
  ];
}

function complete(command: Complete['data'], state: ReferralState): Decision {
  const referral = agencyReferral('Complete', command, state);
  if (isError(referral)) return referral;
  return [
    {
      type: 'ReferralCompleted',
      data: {
        referralId: referral.referralId,
        agencyId: referral.agencyId,
        completedOn: command.completedOn,
        outcome: command.outcome,
        ...(command.outcomeNote !== undefined ? { outcomeNote: command.outcomeNote } : {}),
      },
    },
  ];
}

function close(command: Close['data'], state: ReferralState): Decision {
  const referral = state.referrals.get(command.referralId);
  if (!referral) return refuse.referralNotFound(command.referralId);
  if (isFinished(referral)) return refuse.transitionNotAllowed(referral.referralId, referral.status, 'Close');
  if (command.reason.trim() === '') return refuse.reasonRequired();
  return [
    {
      type: 'ReferralClosed',
      data: { referralId: referral.referralId, agencyId: referral.agencyId, closedAt: command.at, reasonCode: command.reasonCode, reason: command.reason.trim() },
    },
  ];
}

function cancelReferrals(command: CancelReferrals['data'], state: ReferralState): ReferralEvent[] {
  return [...state.referrals.values()]
    .filter((referral) => referral.caseId === command.caseId && (command.programme === undefined || referral.programme === command.programme))
    .filter((referral) => !isFinished(referral))
    .map((referral) => ({
      type: 'ReferralCancelled',
      data: {
        referralId: referral.referralId,
        agencyId: referral.agencyId,
        cancelledAt: command.at,
        reasonCode: command.reasonCode,
        causationEventId: command.causationEventId,
      },
    }));
}

function reroute(command: Reroute['data'], state: ReferralState): Decision {
  const referral = state.referrals.get(command.referralId);
  if (!referral) return refuse.referralNotFound(command.referralId);
  if (referral.reroutedTo !== undefined) return refuse.alreadyRerouted(referral.referralId, referral.reroutedTo);
  if (referral.status !== 'DECLINED') return refuse.transitionNotAllowed(referral.referralId, referral.status, 'Reroute');
  if (!isAgencyId(command.toAgencyId)) return refuse.agencyUnknown(command.toAgencyId);
  if (command.toAgencyId === referral.agencyId) return refuse.rerouteToSameAgency(referral.agencyId);
  if (command.reason.trim() === '') return refuse.reasonRequired();
  return [
    {
      type: 'ReferralRerouted',
      data: {
        referralId: referral.referralId,
        agencyId: referral.agencyId,
        toReferralId: command.newReferralId,
        toAgencyId: command.toAgencyId,
        reroutedAt: command.at,
        reason: command.reason.trim(),
      },
    },
    {
      type: 'ReferralCreated',
      data: {
        referralId: command.newReferralId,
        caseId: referral.caseId,
        residentId: referral.residentId,
        kelurahanCode: referral.kelurahanCode,
        determinationId: referral.determinationId,
        cause: { kind: 'REROUTED', eventId: referral.referralId },
        programme: referral.programme,
        agencyId: command.toAgencyId,
        needCategory: referral.needCategory,
        priority: referral.priority,
        routingTableVersion: command.routingTableVersion,
        createdAt: command.at,
        acknowledgeDueAt: command.acknowledgeDueAt,
        decideDueAt: command.decideDueAt,
        reroutedFrom: referral.referralId,
      },
    },
    { type: 'ReferralSent', data: { referralId: command.newReferralId, agencyId: command.toAgencyId, sentAt: command.at, via: 'AGENCY_API' } },
  ];
}

function escalate(command: Escalate['data'], state: ReferralState): Decision {
  const referral = state.referrals.get(command.referralId);
  if (!referral) return refuse.referralNotFound(command.referralId);
  if (isFinished(referral)) return refuse.transitionNotAllowed(referral.referralId, referral.status, 'Escalate');
  if (referral.escalations.some((escalation) => escalation.deadline === command.deadline)) {
    return refuse.alreadyEscalated(referral.referralId, command.deadline);
  }
  const met = command.deadline === 'ACKNOWLEDGE' ? (referral.acknowledgedAt ?? referral.decidedAt) : referral.decidedAt;
  if (met !== undefined) return refuse.deadlineMet(referral.referralId, command.deadline);
  const dueAt = command.deadline === 'ACKNOWLEDGE' ? referral.acknowledgeDueAt : referral.decideDueAt;
  if (Date.parse(command.at) < Date.parse(dueAt)) return refuse.deadlineNotPassed(referral.referralId, command.deadline, dueAt);
  return [
    {
      type: 'ReferralEscalated',
      data: { referralId: referral.referralId, agencyId: referral.agencyId, deadline: command.deadline, dueAt, escalatedAt: command.at, escalatedTo: 'DINSOS_SUPERVISOR' },
    },
  ];
}

function isError(value: Referral | ReferralError): value is ReferralError {
  return !('escalations' in value);
}
