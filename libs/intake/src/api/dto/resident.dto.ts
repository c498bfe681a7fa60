import type { ChangeCircumstancesInput } from '../../application/change-circumstances/change-circumstances.handler';
import type { CorrectProfileInput } from '../../application/correct-profile/correct-profile.handler';
import type { RegisterResidentInput } from '../../application/register-resident/register-resident.handler';
import type { AddressInput } from '../../domain/intake.commands';
import {
  DISABILITY_KINDS,
  DISABILITY_SEVERITIES,
  EMPLOYMENT_STATUSES,
  HOUSEHOLD_RELATIONS,
  LEAVING_CAUSES,
  SEXES,
  STAFF_ROLES,
  type DisabilityKind,
  type DisabilitySeverity,
  type DisabledMember,
  type EmploymentStatus,
  type HouseholdMember,
  type HouseholdMemberLeaving,
  type HouseholdRelation,
  type LeavingCause,
  type Sex,
  type StaffRole,
} from '../../domain/vocabulary';
import {
  DIGITS_16,
  DateOnly,
  Email,
  KELURAHAN_CODE,
  Nested,
  NestedList,
  OneOf,
  PHONE_E164_ID,
  Pattern,
  THREE_DIGITS,
  Text,
  MAX_INCOME_PER_MONTH,
  WholeNumber,
  YesNo,
} from './field-rules';

const MAX_HOUSEHOLD = 30;

/** Commands that record who did them may say in which role (PSM, TKSK…); the token decides which are allowed. */
export class StaffActionDto {
  @OneOf(STAFF_ROLES, {
    optional: true,
    description:
      'The role the user acts in, recorded in the event (registeredBy, assessedBy…). Caseworkers may name a pilar sosial role or DINSOS_CASEWORKER; supervisors also DINSOS_SUPERVISOR or HEAD_OF_OFFICE. Default: DINSOS_CASEWORKER, or DINSOS_SUPERVISOR for supervisors and admins.',
  })
  staffRole?: StaffRole;
}

export class AddressDto {
  @Text(300, { description: 'Street, house number, gang.', example: 'Jl. Hasanudin Gg. 3 No. 12' })
  street!: string;

  @Pattern(THREE_DIGITS, 'tiga angka, mis. 004', { example: '004' })
  rt!: string;

  @Pattern(THREE_DIGITS, 'tiga angka, mis. 002', { example: '002' })
  rw!: string;

  @Pattern(KELURAHAN_CODE, 'kode kelurahan lengkap, mis. 35.75.04.1011', {
    description: 'One of the 34 kelurahan of Kota Pasuruan; the kecamatan follows from it.',
    example: '35.75.04.1011',
  })
  kelurahanCode!: string;
}

export class HouseholdMemberDto {
  @Text(200, { example: 'Ahmad Fauzi' })
  name!: string;

  @Pattern(DIGITS_16, '16 angka', { optional: true, description: 'Absent for a member without a NIK yet (a newborn).' })
  nik?: string;

  @OneOf(HOUSEHOLD_RELATIONS, { description: 'Relation to the head of the household, as on the KK.' })
  relation!: HouseholdRelation;

  @DateOnly()
  birthDate!: string;

  @OneOf(SEXES)
  sex!: Sex;
}

export class RegisterResidentDto extends StaffActionDto {
  @Pattern(DIGITS_16, '16 angka', { example: '3575045203850001' })
  nik!: string;

  @Pattern(DIGITS_16, '16 angka', { example: '3575041503100007' })
  noKk!: string;

  @Text(200, { example: 'Siti Aminah' })
  name!: string;

  @DateOnly()
  birthDate!: string;

  @OneOf(SEXES)
  sex!: Sex;

  @OneOf(HOUSEHOLD_RELATIONS, { description: 'The resident’s relation to the head of the household, as on the KK.' })
  householdRelation!: HouseholdRelation;

  @Nested(() => AddressDto)
  address!: AddressDto;

  @Pattern(PHONE_E164_ID, 'nomor ponsel berformat +62…, mis. +6281234567890', { optional: true })
  phone?: string;

  @Email({ optional: true })
  email?: string;

  @NestedList(() => HouseholdMemberDto, {
    maxItems: MAX_HOUSEHOLD,
    description: 'The other people on the KK (the resident is not repeated); exactly one head of the KK in all.',
  })
  householdMembers!: HouseholdMemberDto[];
}

export class CorrectionsDto {
  @Pattern(DIGITS_16, '16 angka', { optional: true })
  nik?: string;

  @Pattern(DIGITS_16, '16 angka', { optional: true })
  noKk?: string;

  @Text(200, { optional: true })
  name?: string;

  @DateOnly({ optional: true })
  birthDate?: string;

  @OneOf(SEXES, { optional: true })
  sex?: Sex;

  @OneOf(HOUSEHOLD_RELATIONS, { optional: true })
  householdRelation?: HouseholdRelation;

  @Nested(() => AddressDto, { optional: true })
  address?: AddressDto;

  @Pattern(PHONE_E164_ID, 'nomor ponsel berformat +62…', { optional: true, nullable: true, description: 'null removes a wrong number.' })
  phone?: string | null;

  @Email({ optional: true, nullable: true, description: 'null removes a wrong address.' })
  email?: string | null;

  @NestedList(() => HouseholdMemberDto, {
    optional: true,
    maxItems: MAX_HOUSEHOLD,
    description: 'The corrected list of the other people on the KK, replacing the recorded one.',
  })
  householdMembers?: HouseholdMemberDto[];
}

export class CorrectProfileDto {
  @Nested(() => CorrectionsDto, { description: 'The fields that were recorded wrongly, with their right values.' })
  corrections!: CorrectionsDto;

  @Text(2000, { description: 'Why the record was wrong and what the correction rests on.', example: 'KK dibaca ulang' })
  reason!: string;
}

export class LeavingMemberDto {
  @Text(200)
  name!: string;

  @Pattern(DIGITS_16, '16 angka', { optional: true })
  nik?: string;

  @OneOf(LEAVING_CAUSES)
  cause!: LeavingCause;
}

export class DisabledMemberDto {
  @Text(200)
  name!: string;

  @OneOf(DISABILITY_KINDS)
  kind!: DisabilityKind;

  @OneOf(DISABILITY_SEVERITIES)
  severity!: DisabilitySeverity;
}

export class CircumstanceChangesDto {
  @NestedList(() => HouseholdMemberDto, { optional: true, minItems: 1, maxItems: MAX_HOUSEHOLD })
  householdMembersJoined?: HouseholdMemberDto[];

  @NestedList(() => LeavingMemberDto, { optional: true, minItems: 1, maxItems: MAX_HOUSEHOLD })
  householdMembersLeft?: LeavingMemberDto[];

  @Nested(() => AddressDto, { optional: true, description: 'The new address after a move.' })
  address?: AddressDto;

  @OneOf(EMPLOYMENT_STATUSES, { optional: true })
  employmentStatus?: EmploymentStatus;

  @WholeNumber(0, MAX_INCOME_PER_MONTH, { optional: true, description: 'Rupiah per month.' })
  householdIncomePerMonth?: number;

  @NestedList(() => DisabledMemberDto, { optional: true, maxItems: MAX_HOUSEHOLD })
  disabledMembers?: DisabledMemberDto[];

  @YesNo({ optional: true })
  pregnantOrNursing?: boolean;
}

export class ChangeCircumstancesDto {
  @Nested(() => CircumstanceChangesDto)
  changes!: CircumstanceChangesDto;

  @DateOnly({ description: 'The day from which the change holds (a birth, a move).' })
  effectiveFrom!: string;

  @Text(2000, { example: 'KK baru diterbitkan setelah kelahiran' })
  reason!: string;
}

export function toAddress(dto: AddressDto): AddressInput {
  return { street: dto.street, rt: dto.rt, rw: dto.rw, kelurahanCode: dto.kelurahanCode };
}

export function toHouseholdMember(dto: HouseholdMemberDto): HouseholdMember {
  return {
    name: dto.name,
    ...(dto.nik !== undefined && { nik: dto.nik }),
    relation: dto.relation,
    birthDate: dto.birthDate,
    sex: dto.sex,
  };
}

export function toDisabledMember(dto: DisabledMemberDto): DisabledMember {
  return { name: dto.name, kind: dto.kind, severity: dto.severity };
}

export function toRegisterResidentInput(dto: RegisterResidentDto): RegisterResidentInput {
  return {
    nik: dto.nik,
    noKk: dto.noKk,
    name: dto.name,
    birthDate: dto.birthDate,
    sex: dto.sex,
    householdRelation: dto.householdRelation,
    address: toAddress(dto.address),
    ...(dto.phone !== undefined && { phone: dto.phone }),
    ...(dto.email !== undefined && { email: dto.email }),
    householdMembers: dto.householdMembers.map(toHouseholdMember),
  };
}

export function toCorrectProfileInput(dto: CorrectProfileDto): CorrectProfileInput {
  const c = dto.corrections;
  return {
    corrections: {
      ...(c.nik !== undefined && { nik: c.nik }),
      ...(c.noKk !== undefined && { noKk: c.noKk }),
      ...(c.name !== undefined && { name: c.name }),
      ...(c.birthDate !== undefined && { birthDate: c.birthDate }),
      ...(c.sex !== undefined && { sex: c.sex }),
      ...(c.householdRelation !== undefined && { householdRelation: c.householdRelation }),
      ...(c.address !== undefined && { address: toAddress(c.address) }),
      ...(c.phone !== undefined && { phone: c.phone }),
      ...(c.email !== undefined && { email: c.email }),
      ...(c.householdMembers !== undefined && { householdMembers: c.householdMembers.map(toHouseholdMember) }),
    },
    reason: dto.reason,
  };
}

export function toChangeCircumstancesInput(dto: ChangeCircumstancesDto): ChangeCircumstancesInput {
  const c = dto.changes;
  const leaver = (l: LeavingMemberDto): HouseholdMemberLeaving => ({
    name: l.name,
    ...(l.nik !== undefined && { nik: l.nik }),
    cause: l.cause,
  });
  return {
    changes: {
      ...(c.householdMembersJoined !== undefined && { householdMembersJoined: c.householdMembersJoined.map(toHouseholdMember) }),
      ...(c.householdMembersLeft !== undefined && { householdMembersLeft: c.householdMembersLeft.map(leaver) }),
      ...(c.address !== undefined && { address: toAddress(c.address) }),
      ...(c.employmentStatus !== undefined && { employmentStatus: c.employmentStatus }),
      ...(c.householdIncomePerMonth !== undefined && { householdIncomePerMonth: c.householdIncomePerMonth }),
      ...(c.disabledMembers !== undefined && { disabledMembers: c.disabledMembers.map(toDisabledMember) }),
      ...(c.pregnantOrNursing !== undefined && { pregnantOrNursing: c.pregnantOrNursing }),
    },
    effectiveFrom: dto.effectiveFrom,
    reason: dto.reason,
  };
}
