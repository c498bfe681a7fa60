/**
 * What a caseworker asks intake to do. Ids and the time come in with the command (`metadata.now`,
 * an ISO instant), so deciding is deterministic and a test can replay it exactly.
 */
import type {
  ConsentGiver,
  ConsentMethod,
  Channel,
  Complaint,
  DisabledMember,
  DisabledMemberReference,
  DtsenStatus,
  EmploymentStatus,
  HomeVisitVerdict,
  HouseholdMember,
  HouseholdMemberLeaving,
  HouseholdRelation,
  HousingCondition,
  LegalBasis,
  NeedCategory,
  ProcessingPurpose,
  MemberReference,
  SchoolChildReference,
  Sex,
  StaffMember,
  VulnerabilityReason,
} from './vocabulary';

export interface CommandMetadata {
  /** When the command is decided: the instant its events record as occurredAt. */
  now: string;
}

interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
}

/** An address as entered: the kecamatan follows from the kelurahan, so nobody types it. */
export interface AddressInput {
  street: string;
  rt: string;
  rw: string;
  kelurahanCode: string;
}

export type RegisterResident = Command<
  'RegisterResident',
  {
    residentId: string;
    nik: string;
    noKk: string;
    name: string;
    birthDate: string;
    sex: Sex;
    householdRelation: HouseholdRelation;
    address: AddressInput;
    phone?: string;
    email?: string;
    /** The other people on the KK; the resident is not repeated. */
    householdMembers: HouseholdMember[];
    registeredBy: StaffMember;
  }
>;

/** The record was wrong: fields as they should always have been. */
export type CorrectProfile = Command<
  'CorrectProfile',
  {
    residentId: string;
    corrections: {
      nik?: string;
      noKk?: string;
      name?: string;
      birthDate?: string;
      sex?: Sex;
      householdRelation?: HouseholdRelation;
      address?: AddressInput;
      /** null removes a wrong number. */
      phone?: string | null;
      email?: string | null;
      householdMembers?: HouseholdMember[];
    };
    reason: string;
  }
>;

/** Life changed from `effectiveFrom`: the old facts were true until then. */
export type ChangeCircumstances = Command<
  'ChangeCircumstances',
  {
    residentId: string;
    changes: {
      householdMembersJoined?: HouseholdMember[];
      householdMembersLeft?: HouseholdMemberLeaving[];
      address?: AddressInput;
      employmentStatus?: EmploymentStatus;
      householdIncomePerMonth?: number;
      disabledMembers?: DisabledMember[];
      pregnantOrNursing?: boolean;
    };
    effectiveFrom: string;
    reason: string;
  }
>;

export type RecordConsent = Command<
  'RecordConsent',
  {
    residentId: string;
    consentId: string;
    legalBasis: LegalBasis;
    legalReference?: string;
    purposes: ProcessingPurpose[];
    givenBy?: ConsentGiver;
    method?: ConsentMethod;
    givenAt: string;
  }
>;

export type WithdrawConsent = Command<
  'WithdrawConsent',
  {
    residentId: string;
    consentId: string;
    /** Absent: the consent is withdrawn as a whole. */
    purposes?: ProcessingPurpose[];
    withdrawnBy: ConsentGiver;
    reason?: string;
  }
>;

export type OpenCase = Command<
  'OpenCase',
  {
    residentId: string;
    caseId: string;
    needCategory: NeedCategory;
    description: string;
    channel: Channel;
    complaint?: Complaint;
    registeredBy: StaffMember;
    /**
     * What the caseworker saw or was told (pregnant, victim of violence…). Elderly is also derived
     * from the birth date, so the fast track does not depend on someone remembering to tick it.
     */
    declaredVulnerabilities: VulnerabilityReason[];
  }
>;

export type RecordAssessment = Command<
  'RecordAssessment',
  {
    residentId: string;
    caseId: string;
    assessmentId: string;
    householdIncomePerMonth: number;
    /** People on the KK, the resident included; defaults to the household as recorded. */
    householdSize?: number;
    dtsenStatus: DtsenStatus;
    desil: number | null;
    dtsenCheckedOn: string;
    /**
     * Members are referenced by NIK (the resident's own or a KK member's); intake copies name and
     * age from the KK and derives the elderly (60+) itself, so nobody types them.
     */
    children: SchoolChildReference[];
    disabledMembers: DisabledMemberReference[];
    pregnantOrNursingMembers: MemberReference[];
    employmentStatus: EmploymentStatus;
    housingCondition: HousingCondition;
    assessedBy: StaffMember;
  }
>;

export type RecordHomeVisit = Command<
  'RecordHomeVisit',
  {
    residentId: string;
    caseId: string;
    visitId: string;
    visitedAt: string;
    visitedBy: StaffMember;
    findings: string;
    verdict: HomeVisitVerdict;
  }
>;

export type SubmitCase = Command<'SubmitCase', { residentId: string; caseId: string; submittedBy: StaffMember }>;

export type WithdrawCase = Command<'WithdrawCase', { residentId: string; caseId: string; reason: string }>;

export type IntakeCommand =
  | RegisterResident
  | CorrectProfile
  | ChangeCircumstances
  | RecordConsent
  | WithdrawConsent
  | OpenCase
  | RecordAssessment
  | RecordHomeVisit
  | SubmitCase
  | WithdrawCase;

export type IntakeCommandType = IntakeCommand['type'];
