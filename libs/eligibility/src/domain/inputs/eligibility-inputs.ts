/**
 * What the rules read about a case: the CaseSubmitted snapshot reduced to the fields a rule can
 * use, so that a determination can carry its inputs without repeating the resident's NIK, name,
 * street, case description or the visit's findings, nor the members' NIKs. Member names stay: they
 * are how a member who leaves the household (CircumstancesChanged) is found in the lists.
 */
import type {
  CaseSubmittedV2Data,
  CircumstancesChangedV1Data,
  EligibilityDeterminedV1Data,
  ResidentProfileCorrectedV1Data,
} from '@lastri/contracts';

import { ageOn } from '@lastri/kernel';
import { sha256Digest, type Sha256Digest } from '../digest';

export type EligibilityInputs = EligibilityDeterminedV1Data['inputs'];

const MAX_HOUSEHOLD_SIZE = 30;
/**
 * The oldest child a determination's inputs can carry (EligibilityDetermined v1). Intake records
 * a pupil of any age, and the rule files say which ages count (6–21 for PIP and PKH's pupils);
 * an older member is left out of the inputs, which no published rule reads. A rule that wants
 * older pupils needs EligibilityDetermined v2 first.
 */
const MAX_CHILD_AGE = 21;
const MIN_ELDERLY_AGE = 60;
/** Relations that make a young person a spouse or head of the household rather than one of its children. */
const NOT_A_CHILD = new Set(['KEPALA_KELUARGA', 'SUAMI', 'ISTRI']);

export function inputsFromCaseSubmitted(submitted: CaseSubmittedV2Data): EligibilityInputs {
  const { assessment, homeVisit } = submitted;
  return {
    submittedAt: submitted.submittedAt,
    case: {
      needCategory: submitted.case.needCategory,
      priority: submitted.case.priority,
      vulnerabilityReasons: [...submitted.case.vulnerabilityReasons],
    },
    resident: {
      birthDate: submitted.resident.birthDate,
      kelurahanCode: submitted.resident.address.kelurahanCode,
      kecamatanCode: submitted.resident.address.kecamatanCode,
    },
    assessment: {
      householdIncomePerMonth: assessment.householdIncomePerMonth,
      householdSize: assessment.householdSize,
      dtsenStatus: assessment.dtsenStatus,
      desil: assessment.desil,
      dtsenCheckedOn: assessment.dtsenCheckedOn,
      children: assessment.children
        .filter(({ age }) => age <= MAX_CHILD_AGE)
        .map(({ name, age, enrolled, level, grade }) => ({ name, age, enrolled, level, grade })),
      disabledMembers: assessment.disabledMembers.map(({ name, kind, severity }) => ({ name, kind, severity })),
      elderlyMembers: assessment.elderlyMembers.map(({ name, age }) => ({ name, age })),
      pregnantOrNursing: assessment.pregnantOrNursing,
      employmentStatus: assessment.employmentStatus,
      housingCondition: { ...assessment.housingCondition },
    },
    ...(homeVisit ? { homeVisit: { visitedAt: homeVisit.visitedAt, verdict: homeVisit.verdict } } : {}),
  };
}

/**
 * A change in the resident's life, applied to what the rules read. People who join are counted
 * at their age on the day they joined: a newborn is a child of 0 not yet at school, someone of 60
 * or more is an elderly member. People who leave are removed from every list by name.
 */
export function applyCircumstances(inputs: EligibilityInputs, change: CircumstancesChangedV1Data): EligibilityInputs {
  const { changes, effectiveFrom } = change;
  const assessment = structuredClone(inputs.assessment);
  const resident = { ...inputs.resident };

  for (const member of changes.householdMembersJoined ?? []) {
    const age = ageOn(member.birthDate, effectiveFrom);
    if (age <= MAX_CHILD_AGE && !NOT_A_CHILD.has(member.relation)) {
      assessment.children.push({ name: member.name, age: Math.max(0, age), enrolled: false, level: null, grade: null });
    }
    if (age >= MIN_ELDERLY_AGE) assessment.elderlyMembers.push({ name: member.name, age });
  }
  const joined = changes.householdMembersJoined?.length ?? 0;

  const leaving = new Set((changes.householdMembersLeft ?? []).map((member) => personKey(member.name)));
  if (leaving.size > 0) {
    const stays = (member: { name: string }) => !leaving.has(personKey(member.name));
    assessment.children = assessment.children.filter(stays);
    assessment.elderlyMembers = assessment.elderlyMembers.filter(stays);
    assessment.disabledMembers = assessment.disabledMembers.filter(stays);
  }
  const left = changes.householdMembersLeft?.length ?? 0;
  assessment.householdSize = clamp(assessment.householdSize + joined - left, 1, MAX_HOUSEHOLD_SIZE);

  if (changes.address) {
    resident.kelurahanCode = changes.address.kelurahanCode;
    resident.kecamatanCode = changes.address.kecamatanCode;
  }
  if (changes.employmentStatus !== undefined) assessment.employmentStatus = changes.employmentStatus;
  if (changes.householdIncomePerMonth !== undefined) assessment.householdIncomePerMonth = changes.householdIncomePerMonth;
  if (changes.disabledMembers !== undefined) {
    assessment.disabledMembers = changes.disabledMembers.map(({ name, kind, severity }) => ({ name, kind, severity }));
  }
  if (changes.pregnantOrNursing !== undefined) assessment.pregnantOrNursing = changes.pregnantOrNursing;

  return { ...inputs, resident, assessment };
}

/**
 * A correction of wrongly recorded data. Only the resident's birth date and address are read by
 * the rules; a corrected household list does not touch the assessment's lists, which the
 * assessor recorded separately (a new assessment and resubmission corrects those).
 */
export function applyProfileCorrection(inputs: EligibilityInputs, correction: ResidentProfileCorrectedV1Data): EligibilityInputs {
  const { birthDate, address } = correction.corrections;
  if (birthDate === undefined && address === undefined) return inputs;
  return {
    ...inputs,
    resident: {
      birthDate: birthDate ?? inputs.resident.birthDate,
      kelurahanCode: address?.kelurahanCode ?? inputs.resident.kelurahanCode,
      kecamatanCode: address?.kecamatanCode ?? inputs.resident.kecamatanCode,
    },
  };
}

export function inputsDigest(inputs: EligibilityInputs): Sha256Digest {
  return sha256Digest(inputs);
}

function personKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
