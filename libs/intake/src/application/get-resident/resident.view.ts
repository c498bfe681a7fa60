/** A resident as the console shows them: the state folded from their stream, with names for codes. */
import { findKecamatan, findKelurahan } from '@lastri/kernel';

import type { CaseStatus, Circumstances, ConsentRecord, RegisteredResident } from '../../domain/intake.state';
import type { Address, HouseholdMember, NeedCategory, Priority, StaffMember } from '../../domain/vocabulary';

export interface ConsentView {
  consentId: string;
  legalBasis: ConsentRecord['legalBasis'];
  legalReference?: string;
  purposes: ConsentRecord['purposes'];
  /** Purposes not withdrawn: what processing may still rest on this basis. */
  activePurposes: ConsentRecord['activePurposes'];
  givenBy?: ConsentRecord['givenBy'];
  method?: ConsentRecord['method'];
  givenAt: string;
  recordedAt: string;
  withdrawals: ConsentRecord['withdrawals'];
}

export interface ResidentView {
  residentId: string;
  version: number;
  nik: string;
  noKk: string;
  name: string;
  birthDate: string;
  sex: RegisteredResident['profile']['sex'];
  householdRelation: RegisteredResident['profile']['householdRelation'];
  address: Address & { kelurahanName?: string; kecamatanName?: string };
  phone?: string;
  email?: string;
  household: { size: number; members: HouseholdMember[] };
  circumstances: Circumstances;
  consents: ConsentView[];
  cases: { caseId: string; needCategory: NeedCategory; status: CaseStatus; priority: Priority; openedAt: string }[];
  registeredAt: string;
  registeredBy: StaffMember;
}

export function residentView(resident: RegisteredResident, version: number): ResidentView {
  const { profile } = resident;
  return {
    residentId: profile.residentId,
    version,
    nik: profile.nik,
    noKk: profile.noKk,
    name: profile.name,
    birthDate: profile.birthDate,
    sex: profile.sex,
    householdRelation: profile.householdRelation,
    address: {
      ...profile.address,
      kelurahanName: findKelurahan(profile.address.kelurahanCode)?.name,
      kecamatanName: findKecamatan(profile.address.kecamatanCode)?.name,
    },
    ...(profile.phone !== undefined && { phone: profile.phone }),
    ...(profile.email !== undefined && { email: profile.email }),
    household: { size: resident.household.length + 1, members: resident.household },
    circumstances: resident.circumstances,
    consents: Object.values(resident.consents).map(consentView),
    cases: Object.values(resident.cases).map((record) => ({
      caseId: record.caseId,
      needCategory: record.opened.needCategory,
      status: record.status,
      priority: record.opened.priority,
      openedAt: record.openedAt,
    })),
    registeredAt: profile.registeredAt,
    registeredBy: profile.registeredBy,
  };
}

export function consentView(consent: ConsentRecord): ConsentView {
  const { eventId: _eventId, ...view } = consent;
  return view;
}
