import type { OpenCaseInput } from '../../application/open-case/open-case.handler';
import type { RecordAssessmentInput } from '../../application/record-assessment/record-assessment.handler';
import type { RecordHomeVisitInput } from '../../application/record-home-visit/record-home-visit.handler';
import {
  CHANNELS,
  COMPLAINT_SOURCES,
  DISABILITY_KINDS,
  DISABILITY_SEVERITIES,
  DTSEN_STATUSES,
  EMPLOYMENT_STATUSES,
  HOME_VISIT_VERDICTS,
  HOUSING_OWNERSHIPS,
  NEED_CATEGORIES,
  SCHOOL_LEVELS,
  VULNERABILITY_REASONS,
  type Channel,
  type ComplaintSource,
  type DisabilityKind,
  type DisabilitySeverity,
  type DtsenStatus,
  type EmploymentStatus,
  type HomeVisitVerdict,
  type HousingOwnership,
  type NeedCategory,
  type SchoolLevel,
  type VulnerabilityReason,
} from '../../domain/vocabulary';
import { DateOnly, DIGITS_16, Instant, ListOf, MAX_INCOME_PER_MONTH, Nested, NestedList, NotTogetherWith, OneOf, Pattern, Text, WholeNumber, YesNo } from './field-rules';
import { StaffActionDto } from './resident.dto';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const MAX_MEMBERS = 30;

export class ComplaintDto {
  @OneOf(COMPLAINT_SOURCES)
  source!: ComplaintSource;

  @Text(100, { description: 'The complaint’s ticket number in its own system.', example: 'ES-2025-1101' })
  reference!: string;
}

export class OpenCaseDto extends StaffActionDto {
  @Pattern(UUID, 'UUID warga yang terdaftar')
  residentId!: string;

  @OneOf(NEED_CATEGORIES)
  needCategory!: NeedCategory;

  @Text(4000, { description: 'The need in the words of the resident or the caseworker.' })
  description!: string;

  @OneOf(CHANNELS)
  channel!: Channel;

  @Nested(() => ComplaintDto, { optional: true, description: 'Required when channel is COMPLAINT_CHANNEL.' })
  complaint?: ComplaintDto;

  @ListOf(VULNERABILITY_REASONS, {
    optional: true,
    description: 'What the caseworker saw or was told; ELDERLY is also derived from the birth date. Any reason puts the case on the PRIORITY track.',
  })
  vulnerabilityReasons?: VulnerabilityReason[];
}

const MEMBER_NIK = {
  description: 'NIK of the resident or of a person on their KK as registered; name and age are taken from the record.',
  example: '3575042107100003',
};

const MEMBER_NAME = {
  optional: true,
  description: 'Instead of nik, only for a person on the KK registered without a NIK yet (a newborn): the name as on the KK.',
  example: 'Bayi Nur',
};

export class SchoolChildDto {
  @Pattern(DIGITS_16, '16 angka', { ...MEMBER_NIK, requiredUnless: 'name' })
  nik?: string;

  @Text(200, MEMBER_NAME)
  @NotTogetherWith('nik')
  name?: string;

  @YesNo({ description: 'Attends school (or PAUD) now.' })
  enrolled!: boolean;

  @OneOf(SCHOOL_LEVELS, { optional: true, nullable: true, description: 'null (or absent) when not enrolled.' })
  level?: SchoolLevel | null;

  @WholeNumber(1, 12, { optional: true, nullable: true, description: 'Kelas 1–12 across SD, SMP, SMA/SMK; null when not enrolled or in PAUD.' })
  grade?: number | null;
}

export class AssessedDisabledMemberDto {
  @Pattern(DIGITS_16, '16 angka', { ...MEMBER_NIK, requiredUnless: 'name', description: 'NIK of the resident (a disabled head counts too) or of a person on their KK.' })
  nik?: string;

  @Text(200, MEMBER_NAME)
  @NotTogetherWith('nik')
  name?: string;

  @OneOf(DISABILITY_KINDS)
  kind!: DisabilityKind;

  @OneOf(DISABILITY_SEVERITIES)
  severity!: DisabilitySeverity;
}

export class MemberReferenceDto {
  @Pattern(DIGITS_16, '16 angka', { ...MEMBER_NIK, example: '3575045203850001' })
  nik!: string;
}

export class HousingConditionDto {
  @OneOf(HOUSING_OWNERSHIPS)
  ownership!: HousingOwnership;

  @YesNo({ description: 'Rumah tidak layak huni (RTLH).' })
  uninhabitable!: boolean;
}

export class RecordAssessmentDto extends StaffActionDto {
  @WholeNumber(0, MAX_INCOME_PER_MONTH, { description: 'Total household income per month, in rupiah.', example: 1850000 })
  householdIncomePerMonth!: number;

  @WholeNumber(1, 30, { optional: true, description: 'People on the KK, the resident included; default and only accepted value: the household on record.' })
  householdSize?: number;

  @OneOf(DTSEN_STATUSES)
  dtsenStatus!: DtsenStatus;

  @WholeNumber(1, 10, { optional: true, nullable: true, description: 'DTSEN decile; null or absent when not in DTSEN or not ranked yet.' })
  desil?: number | null;

  @DateOnly({ description: 'The day DTSEN was consulted.' })
  dtsenCheckedOn!: string;

  @NestedList(() => SchoolChildDto, {
    maxItems: MAX_MEMBERS,
    description:
      'People of the household whose schooling counts, by NIK. No age limit here: which ages a programme counts is in its rules. Elderly members (60+) are not sent: intake derives them from the KK.',
  })
  children!: SchoolChildDto[];

  @NestedList(() => AssessedDisabledMemberDto, { maxItems: MAX_MEMBERS, description: 'People of the household with a disability, by NIK.' })
  disabledMembers!: AssessedDisabledMemberDto[];

  @NestedList(() => MemberReferenceDto, {
    maxItems: MAX_MEMBERS,
    description: 'Women of the household who are pregnant or nursing (0–2 years after birth), by NIK; refused for a man or an implausible age.',
  })
  pregnantOrNursingMembers!: MemberReferenceDto[];

  @OneOf(EMPLOYMENT_STATUSES)
  employmentStatus!: EmploymentStatus;

  @Nested(() => HousingConditionDto)
  housingCondition!: HousingConditionDto;
}

export class RecordHomeVisitDto extends StaffActionDto {
  @Instant()
  visitedAt!: string;

  @Text(4000, { description: 'What the surveyor saw: the house, the household, its means.' })
  findings!: string;

  @OneOf(HOME_VISIT_VERDICTS)
  verdict!: HomeVisitVerdict;
}

export class SubmitCaseDto extends StaffActionDto {}

export class WithdrawCaseDto {
  @Text(2000, { example: 'Biaya sekolah sudah ditanggung keluarga' })
  reason!: string;
}

export function toOpenCaseInput(dto: OpenCaseDto): OpenCaseInput {
  return {
    residentId: dto.residentId.toLowerCase(),
    needCategory: dto.needCategory,
    description: dto.description,
    channel: dto.channel,
    ...(dto.complaint !== undefined && { complaint: { source: dto.complaint.source, reference: dto.complaint.reference } }),
    declaredVulnerabilities: [...(dto.vulnerabilityReasons ?? [])],
  };
}

function memberReference({ nik, name }: { nik?: string; name?: string }): { nik: string } | { name: string } {
  return nik !== undefined ? { nik } : { name: name as string };
}

export function toRecordAssessmentInput(dto: RecordAssessmentDto): RecordAssessmentInput {
  return {
    householdIncomePerMonth: dto.householdIncomePerMonth,
    ...(dto.householdSize !== undefined && { householdSize: dto.householdSize }),
    dtsenStatus: dto.dtsenStatus,
    desil: dto.desil ?? null,
    dtsenCheckedOn: dto.dtsenCheckedOn,
    children: dto.children.map((child) => ({
      ...memberReference(child),
      enrolled: child.enrolled,
      level: child.level ?? null,
      grade: child.grade ?? null,
    })),
    disabledMembers: dto.disabledMembers.map((member) => ({ ...memberReference(member), kind: member.kind, severity: member.severity })),
    pregnantOrNursingMembers: dto.pregnantOrNursingMembers.map(({ nik }) => ({ nik })),
    employmentStatus: dto.employmentStatus,
    housingCondition: { ownership: dto.housingCondition.ownership, uninhabitable: dto.housingCondition.uninhabitable },
  };
}

export function toRecordHomeVisitInput(dto: RecordHomeVisitDto): RecordHomeVisitInput {
  return { visitedAt: dto.visitedAt, findings: dto.findings, verdict: dto.verdict };
}
