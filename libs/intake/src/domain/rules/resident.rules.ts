/**
 * Registration, corrections and changes of circumstances. A correction says the record was wrong
 * (a misread KK); a change says life moved on from a date (a birth, a move). They are different
 * events so that history can tell "we had it wrong" from "it was true until then".
 */
import { isCalendarDate, wibDateOf } from '@lastri/kernel';
import { intakeEvent, type IntakeEventOf } from '../intake.events';
import { problem, refuse, type FieldProblem, type IntakeError } from '../intake.errors';
import type { ChangeCircumstances, CorrectProfile, RegisterResident } from '../intake.commands';
import { isSameHousehold, isSamePerson, normaliseName, withoutLeavers } from '../intake.evolve';
import type { IntakeState, RegisteredResident } from '../intake.state';
import type { Address, HouseholdMember } from '../vocabulary';
import {
  birthDateProblems,
  householdHeadProblems,
  memberProblems,
  nikProblems,
  noKkProblems,
  resolveAddress,
} from './identity.rules';

export function registerResident(
  command: RegisterResident,
  state: IntakeState,
): IntakeEventOf<'ResidentRegistered'>[] | IntakeError {
  const { data, metadata } = command;
  if (state.status === 'registered') return refuse.residentAlreadyRegistered(data.residentId);

  const resolved = resolveAddress('address', data.address);
  const problems: FieldProblem[] = [
    ...nikProblems('nik', data.nik, data),
    ...birthDateProblems('birthDate', data.birthDate, metadata.now),
    ...noKkProblems('noKk', data.noKk),
    ...resolved.problems,
    ...memberProblems('householdMembers', data.householdMembers, data.nik, metadata.now),
    ...householdHeadProblems('householdRelation', data.householdRelation, 'householdMembers', data.householdMembers, {
      requireOne: true,
    }),
  ];
  if (problems.length > 0 || !resolved.address) return refuse.residentData(problems);

  return [
    intakeEvent('ResidentRegistered', {
      residentId: data.residentId,
      nik: data.nik,
      noKk: data.noKk,
      name: data.name,
      birthDate: data.birthDate,
      sex: data.sex,
      householdRelation: data.householdRelation,
      address: resolved.address,
      ...(data.phone !== undefined && { phone: data.phone }),
      ...(data.email !== undefined && { email: data.email }),
      householdMembers: data.householdMembers,
      registeredBy: data.registeredBy,
    }),
  ];
}

type Corrections = IntakeEventOf<'ResidentProfileCorrected'>['data']['corrections'];

export function correctProfile(
  command: CorrectProfile,
  state: IntakeState,
): IntakeEventOf<'ResidentProfileCorrected'>[] | IntakeError {
  const { data, metadata } = command;
  if (state.status !== 'registered') return refuse.residentNotRegistered(data.residentId);
  const { profile, household } = state;
  const given = data.corrections;

  const problems: FieldProblem[] = [];
  let address: Address | undefined;
  if (given.address) {
    const resolved = resolveAddress('corrections.address', given.address);
    problems.push(...resolved.problems);
    address = resolved.address;
  }

  // Only what really differs is a correction; the event carries nothing else.
  const corrections: Corrections = {};
  const differs = <K extends keyof typeof profile>(key: K, value: unknown) =>
    value !== undefined && JSON.stringify(value) !== JSON.stringify(profile[key] ?? null);
  for (const key of ['nik', 'noKk', 'name', 'birthDate', 'sex', 'householdRelation'] as const) {
    if (differs(key, given[key])) Object.assign(corrections, { [key]: given[key] });
  }
  if (address && differs('address', address)) corrections.address = address;
  if (given.phone !== undefined && given.phone !== (profile.phone ?? null)) corrections.phone = given.phone;
  if (given.email !== undefined && given.email !== (profile.email ?? null)) corrections.email = given.email;
  if (given.householdMembers && !isSameHousehold(given.householdMembers, household)) {
    corrections.householdMembers = given.householdMembers;
  }
  if (problems.length === 0 && Object.keys(corrections).length === 0) {
    return refuse.nothingToCorrect('corrections', 'semua nilai koreksi sama dengan data yang tercatat');
  }

  const corrected = { ...profile, ...corrections, address: corrections.address ?? profile.address };
  const members = corrections.householdMembers ?? household;
  // A NIK that no longer agrees with the birth date or sex is reported on whichever of the three
  // the caseworker touched: that is the value to look at again.
  const touched = (['nik', 'birthDate', 'sex'] as const).find((key) => key in corrections) ?? 'nik';
  if (corrections.birthDate !== undefined) {
    problems.push(...birthDateProblems('corrections.birthDate', corrections.birthDate, metadata.now));
  }
  if (corrections.nik !== undefined || corrections.birthDate !== undefined || corrections.sex !== undefined) {
    problems.push(...nikProblems('corrections.nik', corrected.nik, corrected, `corrections.${touched}`));
  }
  if (corrections.noKk !== undefined) problems.push(...noKkProblems('corrections.noKk', corrections.noKk));
  if (corrections.householdMembers !== undefined) {
    problems.push(...memberProblems('corrections.householdMembers', members, corrected.nik, metadata.now));
  }
  if (corrections.householdMembers !== undefined || corrections.householdRelation !== undefined) {
    problems.push(
      ...householdHeadProblems(
        'corrections.householdRelation',
        corrected.householdRelation,
        'corrections.householdMembers',
        members,
        { requireOne: true },
      ),
    );
  }
  if (problems.length > 0) return refuse.residentData(problems);

  return [
    intakeEvent('ResidentProfileCorrected', {
      residentId: data.residentId,
      corrections,
      reason: data.reason,
    }),
  ];
}

type Changes = IntakeEventOf<'CircumstancesChanged'>['data']['changes'];

export function changeCircumstances(
  command: ChangeCircumstances,
  state: IntakeState,
): IntakeEventOf<'CircumstancesChanged'>[] | IntakeError {
  const { data, metadata } = command;
  if (state.status !== 'registered') return refuse.residentNotRegistered(data.residentId);
  const given = data.changes;
  const problems: FieldProblem[] = [...effectiveFromProblems(data.effectiveFrom, state, metadata.now)];

  const changes: Changes = {};
  if (given.address) {
    const resolved = resolveAddress('changes.address', given.address);
    problems.push(...resolved.problems);
    if (resolved.address) changes.address = resolved.address;
  }
  if (given.householdMembersLeft?.length) {
    problems.push(...leaverProblems(given.householdMembersLeft, state.household));
    changes.householdMembersLeft = given.householdMembersLeft;
  }
  if (given.householdMembersJoined?.length) {
    const remaining = withoutLeavers(state.household, given.householdMembersLeft ?? []);
    problems.push(
      ...memberProblems('changes.householdMembersJoined', given.householdMembersJoined, state.profile.nik, metadata.now, remaining),
      ...joinerProblems(given.householdMembersJoined, remaining),
      ...secondHeadProblems(given.householdMembersJoined, remaining, state),
    );
    changes.householdMembersJoined = given.householdMembersJoined;
  }
  if (given.employmentStatus !== undefined) changes.employmentStatus = given.employmentStatus;
  if (given.householdIncomePerMonth !== undefined) changes.householdIncomePerMonth = given.householdIncomePerMonth;
  if (given.disabledMembers !== undefined) changes.disabledMembers = given.disabledMembers;
  if (given.pregnantOrNursing !== undefined) changes.pregnantOrNursing = given.pregnantOrNursing;

  if (problems.length === 0 && Object.keys(changes).length === 0) {
    return refuse.nothingToCorrect('changes', 'tidak ada perubahan keadaan yang disebutkan');
  }
  if (problems.length > 0) return refuse.residentData(problems);

  return [
    intakeEvent('CircumstancesChanged', {
      residentId: data.residentId,
      changes,
      effectiveFrom: data.effectiveFrom,
      reason: data.reason,
    }),
  ];
}

function effectiveFromProblems(effectiveFrom: string, state: RegisteredResident, now: string): FieldProblem[] {
  if (!isCalendarDate(effectiveFrom)) {
    return [problem('effectiveFrom', 'date-invalid', `${effectiveFrom} bukan tanggal yang valid`)];
  }
  // A change is recorded once it happened: a move planned for next month is not a fact yet.
  if (effectiveFrom > wibDateOf(now)) {
    return [problem('effectiveFrom', 'date-in-future', 'perubahan hanya dicatat setelah terjadi, bukan untuk tanggal yang akan datang')];
  }
  if (effectiveFrom < state.profile.birthDate) {
    return [problem('effectiveFrom', 'date-before-birth', 'tanggal berlaku tidak boleh sebelum tanggal lahir warga')];
  }
  return [];
}

function leaverProblems(
  leavers: NonNullable<Changes['householdMembersLeft']>,
  household: readonly HouseholdMember[],
): FieldProblem[] {
  return leavers.flatMap((leaver, index) => {
    const matches = household.filter((member) => isSamePerson(member, leaver));
    const path = `changes.householdMembersLeft[${index}]`;
    if (matches.length === 0) {
      return [
        problem(
          leaver.nik ? `${path}.nik` : `${path}.name`,
          'household-member-unknown',
          `${leaver.name} tidak tercatat sebagai anggota keluarga warga ini`,
        ),
      ];
    }
    if (matches.length > 1) {
      return [
        problem(`${path}.nik`, 'household-member-unknown', `ada lebih dari satu anggota bernama ${leaver.name}: sebutkan NIK-nya`),
      ];
    }
    return [];
  });
}

function joinerProblems(joiners: readonly HouseholdMember[], household: readonly HouseholdMember[]): FieldProblem[] {
  return joiners.flatMap((joiner, index) =>
    household.some(
      (member) =>
        (joiner.nik === undefined || member.nik === undefined) &&
        normaliseName(member.name) === normaliseName(joiner.name) &&
        member.birthDate === joiner.birthDate,
    )
      ? [
          problem(
            `changes.householdMembersJoined[${index}].name`,
            'household-member-already-listed',
            `${joiner.name} sudah tercatat sebagai anggota keluarga`,
          ),
        ]
      : [],
  );
}

/**
 * After a death or a move the KK may have no head until a new card is issued, so a change does
 * not demand one; but a member joining as a second kepala keluarga is a mistake.
 */
function secondHeadProblems(
  joiners: readonly HouseholdMember[],
  remaining: readonly HouseholdMember[],
  state: RegisteredResident,
): FieldProblem[] {
  let heads =
    (state.profile.householdRelation === 'KEPALA_KELUARGA' ? 1 : 0) +
    remaining.filter((member) => member.relation === 'KEPALA_KELUARGA').length;
  return joiners.flatMap((joiner, index) => {
    if (joiner.relation !== 'KEPALA_KELUARGA') return [];
    heads += 1;
    return heads > 1
      ? [
          problem(
            `changes.householdMembersJoined[${index}].relation`,
            'household-needs-one-head',
            'KK hanya boleh memiliki satu kepala keluarga',
          ),
        ]
      : [];
  });
}
