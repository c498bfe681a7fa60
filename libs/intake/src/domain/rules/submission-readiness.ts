/**
 * What a case needs before it goes to eligibility, as a list of what is still missing. The same
 * list refuses SubmitCase and tells the caseworker, on the case, what to do next. An assessment
 * that no longer matches the KK (its size, or a member it references) is outdated: eligibility
 * would otherwise decide on people who are not in the household any more.
 *
 * A home visit is deliberately not on the list. SLRT sends a household that is not in DTSEN to a
 * home visit, but eligibility is where that rule lives: a case submitted without one comes back
 * as ManualReviewRequired, so a supervisor sees it, rather than staying stuck at intake where
 * nobody reviews it.
 */
import { problem, type FieldProblem } from '../intake.errors';
import type { CaseRecord, RegisteredResident } from '../intake.state';
import { assessmentMismatches } from './assessment-members';
import { PURPOSES_NEEDED_TO_SUBMIT, type NeedCategory, type ProcessingPurpose } from '../vocabulary';

const PURPOSE_NAMES: Record<ProcessingPurpose, string> = {
  CASE_HANDLING: 'penanganan kasus',
  ELIGIBILITY_DETERMINATION: 'penetapan kelayakan',
  REFERRAL_TO_PARTNER_AGENCIES: 'rujukan ke mitra',
  RESIDENT_NOTIFICATIONS: 'pemberitahuan kepada warga',
  DTSEN_PROPOSAL: 'usulan DTSEN',
};

export function missingForSubmission(resident: RegisteredResident, record: CaseRecord): FieldProblem[] {
  const missing: FieldProblem[] = [];
  const uncovered = purposesWithoutBasis(resident);
  if (uncovered.length > 0) {
    missing.push(
      problem(
        'consent',
        'active-consent-required',
        `belum ada persetujuan atau dasar hukum yang aktif untuk ${uncovered.map((p) => PURPOSE_NAMES[p]).join(' dan ')}`,
      ),
    );
  }
  const assessment = record.assessment?.data;
  if (!assessment) {
    missing.push(problem('assessment', 'assessment-required', 'asesmen rumah tangga belum dicatat'));
    return missing;
  }
  const householdSize = resident.household.length + 1;
  if (assessment.householdSize !== householdSize) {
    missing.push(
      problem(
        'assessment.householdSize',
        'assessment-outdated',
        `asesmen mencatat ${assessment.householdSize} orang, KK kini ${householdSize} orang: catat asesmen ulang`,
      ),
    );
  }
  missing.push(...assessmentMismatches(resident, assessment));
  missing.push(...needSpecificGaps(record.opened.needCategory, assessment));
  return missing;
}

/** Purposes needed to submit that no active consent or legal basis covers. */
export function purposesWithoutBasis(resident: RegisteredResident): ProcessingPurpose[] {
  const covered = new Set(Object.values(resident.consents).flatMap((consent) => consent.activePurposes));
  return PURPOSES_NEEDED_TO_SUBMIT.filter((purpose) => !covered.has(purpose));
}

/**
 * Programmes decide on particular people: school costs on the children, disability and elderly
 * care on those members. A case about them with nobody listed gives eligibility nothing to decide on.
 */
function needSpecificGaps(
  need: NeedCategory,
  assessment: NonNullable<CaseRecord['assessment']>['data'],
): FieldProblem[] {
  switch (need) {
    case 'EDUCATION':
      return assessment.children.length === 0
        ? [problem('assessment.children', 'assessment-lacks-what-the-need-requires', 'kasus pendidikan memerlukan data anak usia sekolah')]
        : [];
    case 'DISABILITY_CARE':
      return assessment.disabledMembers.length === 0
        ? [problem('assessment.disabledMembers', 'assessment-lacks-what-the-need-requires', 'kasus layanan disabilitas memerlukan data anggota keluarga penyandang disabilitas')]
        : [];
    case 'ELDERLY_CARE':
      return assessment.elderlyMembers.length === 0
        ? [problem('assessment.elderlyMembers', 'assessment-lacks-what-the-need-requires', 'kasus layanan lansia memerlukan data anggota keluarga lanjut usia')]
        : [];
    default:
      return [];
  }
}
