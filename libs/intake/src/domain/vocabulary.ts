/**
 * Intake's words, as the published event contracts spell them. The types come from the generated
 * contract types; the runtime lists (for request validation and OpenAPI) are checked against the
 * JSON Schemas by vocabulary.spec.ts, so neither can drift from the contract.
 */
import type {
  AssessmentRecordedV2Data,
  CaseOpenedV1Data,
  CircumstancesChangedV1Data,
  ConsentRecordedV1Data,
  HomeVisitRecordedV1Data,
  ResidentRegisteredV1Data,
} from '@lastri/contracts';

export type Sex = ResidentRegisteredV1Data['sex'];
export type HouseholdRelation = ResidentRegisteredV1Data['householdRelation'];
export type Address = ResidentRegisteredV1Data['address'];
export type HouseholdMember = ResidentRegisteredV1Data['householdMembers'][number];
export type StaffMember = ResidentRegisteredV1Data['registeredBy'];
export type StaffRole = StaffMember['role'];

export type NeedCategory = CaseOpenedV1Data['needCategory'];
export type Channel = CaseOpenedV1Data['channel'];
export type Complaint = NonNullable<CaseOpenedV1Data['complaint']>;
export type ComplaintSource = Complaint['source'];
export type Priority = CaseOpenedV1Data['priority'];
export type VulnerabilityReason = CaseOpenedV1Data['vulnerabilityReasons'][number];

export type LegalBasis = ConsentRecordedV1Data['legalBasis'];
export type ProcessingPurpose = ConsentRecordedV1Data['purposes'][number];
export type ConsentGiver = NonNullable<ConsentRecordedV1Data['givenBy']>;
export type ConsentGiverRelation = ConsentGiver['relation'];
export type ConsentMethod = NonNullable<ConsentRecordedV1Data['method']>;

export type DtsenStatus = AssessmentRecordedV2Data['dtsenStatus'];
/** Assessed members as the event records them: referenced by NIK, name and age copied from the KK. */
export type SchoolChild = AssessmentRecordedV2Data['children'][number];
export type AssessedDisabledMember = AssessmentRecordedV2Data['disabledMembers'][number];
export type ElderlyMember = AssessmentRecordedV2Data['elderlyMembers'][number];
export type PregnantOrNursingMember = AssessmentRecordedV2Data['pregnantOrNursingMembers'][number];
export type SchoolLevel = NonNullable<SchoolChild['level']>;
export type DisabilityKind = AssessedDisabledMember['kind'];
export type DisabilitySeverity = AssessedDisabledMember['severity'];
export type EmploymentStatus = AssessmentRecordedV2Data['employmentStatus'];
export type HousingCondition = AssessmentRecordedV2Data['housingCondition'];
export type HousingOwnership = HousingCondition['ownership'];

/** How an assessment names a person: the NIK of the resident or of someone on their KK. */
/**
 * A person on the KK as an assessment names them: by NIK, or by the name on the KK for a member
 * who has no NIK yet (a newborn). Exactly one of the two; the request shape enforces it.
 */
export interface MemberReference {
  nik?: string;
  name?: string;
}
export type SchoolChildReference = MemberReference & Pick<SchoolChild, 'enrolled' | 'level' | 'grade'>;
export type DisabledMemberReference = MemberReference & Pick<AssessedDisabledMember, 'kind' | 'severity'>;

/** A disabled member as a change of circumstances reports one: by name (CircumstancesChanged v1). */
export type DisabledMember = NonNullable<CircumstancesChangedV1Data['changes']['disabledMembers']>[number];

export type HouseholdMemberLeaving = NonNullable<
  CircumstancesChangedV1Data['changes']['householdMembersLeft']
>[number];
export type LeavingCause = HouseholdMemberLeaving['cause'];

export type HomeVisitVerdict = HomeVisitRecordedV1Data['verdict'];

export const SEXES = ['LAKI_LAKI', 'PEREMPUAN'] as const satisfies readonly Sex[];

export const HOUSEHOLD_RELATIONS = [
  'KEPALA_KELUARGA',
  'SUAMI',
  'ISTRI',
  'ANAK',
  'MENANTU',
  'CUCU',
  'ORANG_TUA',
  'MERTUA',
  'FAMILI_LAIN',
  'PEMBANTU',
  'LAINNYA',
] as const satisfies readonly HouseholdRelation[];

export const STAFF_ROLES = [
  'PSM',
  'TKSK',
  'TAGANA',
  'PENDAMPING_PKH',
  'KARANG_TARUNA',
  'KARANG_WERDA',
  'LKSA',
  'PUSKESOS_OPERATOR',
  'DINSOS_CASEWORKER',
  'DINSOS_SUPERVISOR',
  'HEAD_OF_OFFICE',
  'RESIDENT',
] as const satisfies readonly StaffRole[];

export const NEED_CATEGORIES = [
  'EDUCATION',
  'SKILLS_TRAINING',
  'HEALTH',
  'EMPLOYMENT',
  'FOOD',
  'REHABILITATION',
  'DISABILITY_CARE',
  'ELDERLY_CARE',
  'CIVIL_DOCUMENTS',
] as const satisfies readonly NeedCategory[];

export const CHANNELS = [
  'WALK_IN',
  'PUSKESOS',
  'PILAR_SOSIAL',
  'ONLINE',
  'COMPLAINT_CHANNEL',
] as const satisfies readonly Channel[];

export const COMPLAINT_SOURCES = [
  'E_SAMBAT',
  'LAPOR',
  'WHATSAPP',
  'OTHER',
] as const satisfies readonly ComplaintSource[];

export const VULNERABILITY_REASONS = [
  'PREGNANT_OR_NURSING',
  'ELDERLY',
  'DISABILITY',
  'VIOLENCE_VICTIM',
] as const satisfies readonly VulnerabilityReason[];

export const LEGAL_BASES = [
  'CONSENT',
  'CONTRACT',
  'LEGAL_OBLIGATION',
  'VITAL_INTEREST',
  'PUBLIC_SERVICE_BY_LAW',
  'LEGITIMATE_INTEREST',
] as const satisfies readonly LegalBasis[];

export const PROCESSING_PURPOSES = [
  'CASE_HANDLING',
  'ELIGIBILITY_DETERMINATION',
  'REFERRAL_TO_PARTNER_AGENCIES',
  'RESIDENT_NOTIFICATIONS',
  'DTSEN_PROPOSAL',
] as const satisfies readonly ProcessingPurpose[];

export const CONSENT_GIVER_RELATIONS = [
  'SELF',
  'PARENT',
  'GUARDIAN',
] as const satisfies readonly ConsentGiverRelation[];

export const CONSENT_METHODS = [
  'SIGNED_FORM',
  'ELECTRONIC',
  'VERBAL_WITNESSED',
] as const satisfies readonly ConsentMethod[];

export const DTSEN_STATUSES = ['IN_DTSEN', 'NOT_IN_DTSEN'] as const satisfies readonly DtsenStatus[];

export const SCHOOL_LEVELS = ['PAUD', 'SD', 'SMP', 'SMA', 'SMK'] as const satisfies readonly SchoolLevel[];

export const DISABILITY_KINDS = [
  'PHYSICAL',
  'INTELLECTUAL',
  'MENTAL',
  'SENSORY',
  'MULTIPLE',
] as const satisfies readonly DisabilityKind[];

export const DISABILITY_SEVERITIES = [
  'MILD',
  'MODERATE',
  'SEVERE',
] as const satisfies readonly DisabilitySeverity[];

export const EMPLOYMENT_STATUSES = [
  'FORMAL_EMPLOYMENT',
  'INFORMAL_WORK',
  'UNDEREMPLOYED',
  'UNEMPLOYED',
  'NOT_IN_LABOUR_FORCE',
] as const satisfies readonly EmploymentStatus[];

export const HOUSING_OWNERSHIPS = [
  'OWNED',
  'RENTED',
  'FAMILY_OWNED',
  'OTHER',
] as const satisfies readonly HousingOwnership[];

export const LEAVING_CAUSES = [
  'MOVED_OUT',
  'MARRIED_OUT',
  'DECEASED',
  'OTHER',
] as const satisfies readonly LeavingCause[];

export const HOME_VISIT_VERDICTS = [
  'LAYAK',
  'TIDAK_LAYAK',
  'TIDAK_DITEMUI',
] as const satisfies readonly HomeVisitVerdict[];

/** Processing a case needs a legal basis for both of these before it can go to eligibility. */
export const PURPOSES_NEEDED_TO_SUBMIT = [
  'CASE_HANDLING',
  'ELIGIBILITY_DETERMINATION',
] as const satisfies readonly ProcessingPurpose[];

/** UU Perlindungan Anak: a child is under 18; their data needs a parent's or guardian's consent. */
export const AGE_OF_MAJORITY = 18;

/** Lansia (UU 13/1998): 60 and over. Elderly residents get the priority fast track. */
export const ELDERLY_AGE = 60;

/**
 * The ages at which intake accepts that a woman is pregnant or nursing (0–2 years after birth).
 * Wide on purpose: it catches a wrong person referenced (a child, a grandmother), not a rare case.
 */
export const PREGNANCY_PLAUSIBLE_AGES = { min: 10, max: 55 } as const;
