/**
 * What intake knows about one resident, folded from their stream `intake-<residentId>`: the
 * profile (registration, corrections, changes), the household on the KK, the legal bases for
 * processing their data, and their cases. Plain data, so a query can show it as it is.
 */
import type {
  AssessmentRecordedV2Data,
  CaseOpenedV1Data,
  ConsentRecordedV1Data,
  HomeVisitRecordedV1Data,
} from '@lastri/contracts';
import type {
  Address,
  DisabledMember,
  EmploymentStatus,
  HouseholdMember,
  HouseholdRelation,
  ProcessingPurpose,
  Sex,
  StaffMember,
} from './vocabulary';

export interface ResidentProfile {
  residentId: string;
  nik: string;
  noKk: string;
  name: string;
  birthDate: string;
  sex: Sex;
  householdRelation: HouseholdRelation;
  address: Address;
  phone?: string;
  email?: string;
  registeredAt: string;
  registeredBy: StaffMember;
}

/** The latest circumstances reported through ChangeCircumstances, each with the date it holds from. */
export interface Circumstances {
  employmentStatus?: { value: EmploymentStatus; effectiveFrom: string };
  householdIncomePerMonth?: { value: number; effectiveFrom: string };
  disabledMembers?: { value: DisabledMember[]; effectiveFrom: string };
  pregnantOrNursing?: { value: boolean; effectiveFrom: string };
}

export interface ConsentWithdrawal {
  /** The purposes this withdrawal ended. */
  purposes: ProcessingPurpose[];
  withdrawnAt: string;
  withdrawnBy: { name: string; relation: 'SELF' | 'PARENT' | 'GUARDIAN' };
  reason?: string;
}

export interface ConsentRecord extends ConsentRecordedV1Data {
  /** The purposes not withdrawn yet. */
  activePurposes: ProcessingPurpose[];
  withdrawals: ConsentWithdrawal[];
  recordedAt: string;
  eventId: string;
}

export type CaseStatus = 'OPEN' | 'SUBMITTED' | 'WITHDRAWN';

export interface RecordedAssessment {
  data: AssessmentRecordedV2Data;
  assessedAt: string;
  eventId: string;
}

export interface RecordedHomeVisit {
  data: HomeVisitRecordedV1Data;
  eventId: string;
}

export interface CaseRecord {
  caseId: string;
  status: CaseStatus;
  opened: CaseOpenedV1Data;
  openedAt: string;
  openedEventId: string;
  /** The latest assessment: a later one replaces it. */
  assessment?: RecordedAssessment;
  /** Every visit, oldest first; the snapshot carries the latest. */
  homeVisits: RecordedHomeVisit[];
  submittedAt?: string;
  withdrawnAt?: string;
  withdrawalReason?: string;
}

export interface RegisteredResident {
  status: 'registered';
  profile: ResidentProfile;
  /** The other people on the KK, as currently recorded. */
  household: HouseholdMember[];
  circumstances: Circumstances;
  consents: Record<string, ConsentRecord>;
  cases: Record<string, CaseRecord>;
  /** Ids of the events the profile and household were built from (registration, corrections, changes). */
  profileEventIds: string[];
}

export type IntakeState = { status: 'unregistered' } | RegisteredResident;

export const initialState: IntakeState = { status: 'unregistered' };
