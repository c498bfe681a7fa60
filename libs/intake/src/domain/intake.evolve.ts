import { assertNever } from '@lastri/kernel';

import type { RecordedIntakeEvent } from './intake.events';
import type {
  CaseRecord,
  ConsentRecord,
  IntakeState,
  RegisteredResident,
  ResidentProfile,
} from './intake.state';
import type { HouseholdMember, HouseholdMemberLeaving } from './vocabulary';

/** Applies one recorded event. Events were decided against the state they extend, so evolve trusts them. */
export function evolve(state: IntakeState, event: RecordedIntakeEvent): IntakeState {
  const { eventId, occurredAt } = event.metadata;
  if (event.type === 'ResidentRegistered') {
    const { householdMembers, registeredBy, ...identity } = event.data;
    return {
      status: 'registered',
      profile: { ...identity, registeredAt: occurredAt, registeredBy },
      household: householdMembers,
      circumstances: {},
      consents: {},
      cases: {},
      profileEventIds: [eventId],
    };
  }
  if (state.status !== 'registered') return state;

  switch (event.type) {
    case 'ResidentProfileCorrected': {
      const { householdMembers, phone, email, ...identity } = event.data.corrections;
      const profile: ResidentProfile = { ...state.profile, ...identity };
      if (phone !== undefined) setOrRemove(profile, 'phone', phone);
      if (email !== undefined) setOrRemove(profile, 'email', email);
      return {
        ...state,
        profile,
        household: householdMembers ?? state.household,
        profileEventIds: [...state.profileEventIds, eventId],
      };
    }
    case 'CircumstancesChanged': {
      const { changes, effectiveFrom } = event.data;
      const since = <T>(value: T) => ({ value, effectiveFrom });
      const household = [
        ...withoutLeavers(state.household, changes.householdMembersLeft ?? []),
        ...(changes.householdMembersJoined ?? []),
      ];
      return {
        ...state,
        profile: changes.address ? { ...state.profile, address: changes.address } : state.profile,
        household,
        circumstances: {
          ...state.circumstances,
          ...(changes.employmentStatus !== undefined && { employmentStatus: since(changes.employmentStatus) }),
          ...(changes.householdIncomePerMonth !== undefined && {
            householdIncomePerMonth: since(changes.householdIncomePerMonth),
          }),
          ...(changes.disabledMembers !== undefined && { disabledMembers: since(changes.disabledMembers) }),
          ...(changes.pregnantOrNursing !== undefined && { pregnantOrNursing: since(changes.pregnantOrNursing) }),
        },
        profileEventIds: [...state.profileEventIds, eventId],
      };
    }
    case 'ConsentRecorded': {
      const consent: ConsentRecord = {
        ...event.data,
        activePurposes: [...event.data.purposes],
        withdrawals: [],
        recordedAt: occurredAt,
        eventId,
      };
      return { ...state, consents: { ...state.consents, [consent.consentId]: consent } };
    }
    case 'ConsentWithdrawn': {
      const consent = state.consents[event.data.consentId];
      if (!consent) return state;
      const ended = event.data.purposes ?? consent.activePurposes;
      const withdrawn: ConsentRecord = {
        ...consent,
        activePurposes: consent.activePurposes.filter((purpose) => !ended.includes(purpose)),
        withdrawals: [
          ...consent.withdrawals,
          {
            purposes: [...ended],
            withdrawnAt: event.data.withdrawnAt,
            withdrawnBy: event.data.withdrawnBy,
            ...(event.data.reason !== undefined && { reason: event.data.reason }),
          },
        ],
      };
      return { ...state, consents: { ...state.consents, [consent.consentId]: withdrawn } };
    }
    case 'CaseOpened': {
      const opened: CaseRecord = {
        caseId: event.data.caseId,
        status: 'OPEN',
        opened: event.data,
        openedAt: occurredAt,
        openedEventId: eventId,
        homeVisits: [],
      };
      return withCase(state, opened);
    }
    case 'AssessmentRecorded':
      return updateCase(state, event.data.caseId, (record) => ({
        ...record,
        assessment: { data: event.data, assessedAt: occurredAt, eventId },
      }));
    case 'HomeVisitRecorded':
      return updateCase(state, event.data.caseId, (record) => ({
        ...record,
        homeVisits: [...record.homeVisits, { data: event.data, eventId }],
      }));
    case 'CaseSubmitted':
      return updateCase(state, event.data.caseId, (record) => ({
        ...record,
        status: 'SUBMITTED',
        submittedAt: event.data.submittedAt,
      }));
    case 'CaseWithdrawn':
      return updateCase(state, event.data.caseId, (record) => ({
        ...record,
        status: 'WITHDRAWN',
        withdrawnAt: occurredAt,
        withdrawalReason: event.data.reason,
      }));
    default:
      return assertNever(event, 'intake event');
  }
}

/** The household after some members left: matched by NIK when recorded, otherwise by name. */
export function withoutLeavers(
  household: readonly HouseholdMember[],
  leavers: readonly HouseholdMemberLeaving[],
): HouseholdMember[] {
  return household.filter((member) => !leavers.some((leaver) => isSamePerson(member, leaver)));
}

export function isSamePerson(member: HouseholdMember, other: { name: string; nik?: string }): boolean {
  if (member.nik !== undefined && other.nik !== undefined) return member.nik === other.nik;
  return normaliseName(member.name) === normaliseName(other.name);
}

/** Same people with the same recorded facts, in the same order (the order of the KK). */
export function isSameHousehold(a: readonly HouseholdMember[], b: readonly HouseholdMember[]): boolean {
  const facts = (m: HouseholdMember) => [m.name, m.nik ?? null, m.relation, m.birthDate, m.sex];
  return a.length === b.length && a.every((member, i) => JSON.stringify(facts(member)) === JSON.stringify(facts(b[i])));
}

export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toUpperCase();
}

function setOrRemove(profile: ResidentProfile, field: 'phone' | 'email', value: string | null): void {
  if (value === null) delete profile[field];
  else profile[field] = value;
}

function withCase(state: RegisteredResident, record: CaseRecord): RegisteredResident {
  return { ...state, cases: { ...state.cases, [record.caseId]: record } };
}

function updateCase(
  state: RegisteredResident,
  caseId: string,
  update: (record: CaseRecord) => CaseRecord,
): RegisteredResident {
  const record = state.cases[caseId];
  return record ? withCase(state, update(record)) : state;
}
