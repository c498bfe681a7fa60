/**
 * A case: a need that came in through some channel, assessed (cek data: income, household,
 * DTSEN), perhaps verified at home, then submitted for an eligibility decision with a snapshot of
 * everything that decision needs, or withdrawn. Once submitted it no longer changes: eligibility
 * decided on what the snapshot says.
 */
import { ageOn, isAfterNow, isCalendarDate, isInstant, wibDateOf } from '@lastri/kernel';
import { intakeEvent, type IntakeEventOf } from '../intake.events';
import { problem, refuse, type FieldProblem, type IntakeError } from '../intake.errors';
import type { OpenCase, RecordAssessment, RecordHomeVisit, SubmitCase, WithdrawCase } from '../intake.commands';
import type { CaseRecord, IntakeState, RegisteredResident } from '../intake.state';
import {
  ELDERLY_AGE,
  VULNERABILITY_REASONS,
  type SchoolChildReference,
  type SchoolLevel,
  type VulnerabilityReason,
} from '../vocabulary';
import { assessedMembers } from './assessment-members';
import { missingForSubmission } from './submission-readiness';

export function openCase(command: OpenCase, state: IntakeState): IntakeEventOf<'CaseOpened'>[] | IntakeError {
  const { data, metadata } = command;
  if (state.status !== 'registered') return refuse.residentNotRegistered(data.residentId);
  if (state.cases[data.caseId]) return refuse.caseAlreadyOpened(data.caseId);

  const problems: FieldProblem[] = [];
  if (data.channel === 'COMPLAINT_CHANNEL' && !data.complaint) {
    problems.push(problem('complaint', 'complaint-required', 'kasus dari kanal pengaduan harus menyebut sumber dan nomor pengaduannya'));
  }
  if (data.channel !== 'COMPLAINT_CHANNEL' && data.complaint) {
    problems.push(problem('complaint', 'complaint-only-for-complaint-channel', 'data pengaduan hanya diisi untuk kanal COMPLAINT_CHANNEL'));
  }
  if (problems.length > 0) return refuse.caseData(problems);

  const vulnerabilityReasons = vulnerabilitiesOf(state, data.declaredVulnerabilities, metadata.now);
  return [
    intakeEvent('CaseOpened', {
      caseId: data.caseId,
      needCategory: data.needCategory,
      description: data.description,
      channel: data.channel,
      ...(data.complaint !== undefined && { complaint: data.complaint }),
      registeredBy: data.registeredBy,
      priority: vulnerabilityReasons.length > 0 ? 'PRIORITY' : 'NORMAL',
      vulnerabilityReasons,
    }),
  ];
}

/**
 * The fast track (jalur prioritas) for the vulnerable: what the caseworker declared, plus ELDERLY
 * from the birth date, which nobody should have to remember to tick. In the contract's order.
 */
function vulnerabilitiesOf(
  state: RegisteredResident,
  declared: readonly VulnerabilityReason[],
  now: string,
): VulnerabilityReason[] {
  const reasons = new Set(declared);
  if (ageOn(state.profile.birthDate, wibDateOf(now)) >= ELDERLY_AGE) reasons.add('ELDERLY');
  return VULNERABILITY_REASONS.filter((reason) => reasons.has(reason));
}

export function recordAssessment(
  command: RecordAssessment,
  state: IntakeState,
): IntakeEventOf<'AssessmentRecorded'>[] | IntakeError {
  const { data, metadata } = command;
  const found = openCaseOf(state, data.residentId, data.caseId);
  if ('type' in found) return found;
  const { resident } = found;

  const problems: FieldProblem[] = [];
  if (data.dtsenStatus === 'NOT_IN_DTSEN' && data.desil !== null) {
    problems.push(problem('desil', 'desil-only-in-dtsen', 'rumah tangga yang tidak ada di DTSEN tidak memiliki desil: isi null'));
  }
  if (!isCalendarDate(data.dtsenCheckedOn)) {
    problems.push(problem('dtsenCheckedOn', 'date-invalid', `${data.dtsenCheckedOn} bukan tanggal yang valid`));
  } else if (data.dtsenCheckedOn > wibDateOf(metadata.now)) {
    problems.push(problem('dtsenCheckedOn', 'date-in-future', 'tanggal cek DTSEN tidak boleh setelah hari ini'));
  }
  // The contract defines householdSize as the people on the KK; a different number means the
  // KK on record is out of date, and that is what should be fixed first.
  const onKk = resident.household.length + 1;
  const householdSize = data.householdSize ?? onKk;
  if (householdSize !== onKk) {
    problems.push(
      problem(
        'householdSize',
        'household-size-differs-from-kk',
        `KK yang tercatat berisi ${onKk} orang, bukan ${householdSize}: perbarui anggota keluarga (koreksi atau perubahan keadaan) lebih dulu`,
      ),
    );
  }
  data.children.forEach((child, index) => problems.push(...schoolingProblems(`children[${index}]`, child)));
  const members = assessedMembers(data, resident, wibDateOf(metadata.now));
  if (Array.isArray(members)) return refuse.caseData([...problems, ...members]);
  if (problems.length > 0) return refuse.caseData(problems);

  return [
    intakeEvent('AssessmentRecorded', {
      caseId: data.caseId,
      assessmentId: data.assessmentId,
      householdIncomePerMonth: data.householdIncomePerMonth,
      householdSize,
      dtsenStatus: data.dtsenStatus,
      desil: data.desil,
      dtsenCheckedOn: data.dtsenCheckedOn,
      children: members.children,
      disabledMembers: members.disabledMembers,
      elderlyMembers: members.elderlyMembers,
      pregnantOrNursing: members.pregnantOrNursingMembers.length > 0,
      pregnantOrNursingMembers: members.pregnantOrNursingMembers,
      employmentStatus: data.employmentStatus,
      housingCondition: data.housingCondition,
      assessedBy: data.assessedBy,
    }),
  ];
}

/** Kelas counts on across levels: SD 1–6, SMP 7–9, SMA/SMK 10–12; PAUD has no kelas. */
const GRADES: Record<SchoolLevel, [number, number] | null> = {
  PAUD: null,
  SD: [1, 6],
  SMP: [7, 9],
  SMA: [10, 12],
  SMK: [10, 12],
};

function schoolingProblems(path: string, child: SchoolChildReference): FieldProblem[] {
  if (!child.enrolled) {
    return child.level !== null || child.grade !== null
      ? [problem(`${path}.level`, 'schooling-inconsistent', 'anak yang tidak bersekolah tidak memiliki jenjang atau kelas: isi null')]
      : [];
  }
  if (child.level === null) {
    return [problem(`${path}.level`, 'schooling-inconsistent', 'anak yang bersekolah harus memiliki jenjang (PAUD, SD, SMP, SMA, SMK)')];
  }
  const range = GRADES[child.level];
  if (range === null) {
    return child.grade !== null
      ? [problem(`${path}.grade`, 'schooling-inconsistent', 'PAUD tidak memiliki kelas: isi null')]
      : [];
  }
  if (child.grade === null || child.grade < range[0] || child.grade > range[1]) {
    return [problem(`${path}.grade`, 'schooling-inconsistent', `kelas ${child.level} adalah ${range[0]}–${range[1]}`)];
  }
  return [];
}

export function recordHomeVisit(
  command: RecordHomeVisit,
  state: IntakeState,
): IntakeEventOf<'HomeVisitRecorded'>[] | IntakeError {
  const { data, metadata } = command;
  const found = openCaseOf(state, data.residentId, data.caseId);
  if ('type' in found) return found;

  if (!isInstant(data.visitedAt)) {
    return refuse.caseData([problem('visitedAt', 'date-invalid', `${data.visitedAt} bukan waktu yang valid (ISO 8601 dengan zona waktu)`)]);
  }
  if (isAfterNow(data.visitedAt, metadata.now)) {
    return refuse.caseData([problem('visitedAt', 'date-in-future', 'kunjungan rumah hanya dicatat setelah dilakukan')]);
  }
  // Compared by day: surveyors often note only the date, and an 08:00 visit on the day a case
  // was opened at 10:00 is still a visit for that case.
  if (wibDateOf(data.visitedAt) < wibDateOf(found.record.openedAt)) {
    return refuse.caseData([problem('visitedAt', 'date-invalid', 'kunjungan rumah tidak boleh sebelum kasus dibuka')]);
  }
  return [
    intakeEvent('HomeVisitRecorded', {
      caseId: data.caseId,
      visitId: data.visitId,
      visitedAt: data.visitedAt,
      visitedBy: data.visitedBy,
      findings: data.findings,
      verdict: data.verdict,
    }),
  ];
}

export function submitCase(command: SubmitCase, state: IntakeState): IntakeEventOf<'CaseSubmitted'>[] | IntakeError {
  const { data, metadata } = command;
  const found = openCaseOf(state, data.residentId, data.caseId);
  if ('type' in found) return found;
  const { resident, record } = found;

  const missing = missingForSubmission(resident, record);
  const assessment = record.assessment;
  if (missing.length > 0 || !assessment) return refuse.caseNotReady(data.caseId, missing);

  const { profile } = resident;
  const { caseId: _caseId, assessedBy: _assessedBy, ...assessed } = assessment.data;
  const homeVisit = record.homeVisits.at(-1);
  const consentEventIds = Object.values(resident.consents)
    .filter((consent) => consent.activePurposes.length > 0)
    .map((consent) => consent.eventId);

  return [
    intakeEvent('CaseSubmitted', {
      caseId: data.caseId,
      submittedAt: metadata.now,
      submittedBy: data.submittedBy,
      case: {
        needCategory: record.opened.needCategory,
        description: record.opened.description,
        channel: record.opened.channel,
        priority: record.opened.priority,
        vulnerabilityReasons: record.opened.vulnerabilityReasons,
        openedAt: record.openedAt,
      },
      resident: {
        residentId: profile.residentId,
        nik: profile.nik,
        noKk: profile.noKk,
        name: profile.name,
        birthDate: profile.birthDate,
        sex: profile.sex,
        householdRelation: profile.householdRelation,
        address: profile.address,
      },
      household: { members: resident.household },
      assessment: { ...assessed, assessedAt: assessment.assessedAt },
      ...(homeVisit && {
        homeVisit: {
          visitId: homeVisit.data.visitId,
          visitedAt: homeVisit.data.visitedAt,
          findings: homeVisit.data.findings,
          verdict: homeVisit.data.verdict,
        },
      }),
      sourceEventIds: [
        ...resident.profileEventIds,
        ...consentEventIds,
        record.openedEventId,
        assessment.eventId,
        ...(homeVisit ? [homeVisit.eventId] : []),
      ],
    }),
  ];
}

export function withdrawCase(command: WithdrawCase, state: IntakeState): IntakeEventOf<'CaseWithdrawn'>[] | IntakeError {
  const { data } = command;
  if (state.status !== 'registered') return refuse.residentNotRegistered(data.residentId);
  const record = state.cases[data.caseId];
  if (!record) return refuse.caseNotFound(data.caseId);
  // A submitted case can still be withdrawn (the resident no longer needs it); its referrals are
  // then cancelled downstream. Withdrawing twice is a mistake worth saying so.
  if (record.status === 'WITHDRAWN') return refuse.caseAlreadyWithdrawn(data.caseId);
  return [intakeEvent('CaseWithdrawn', { caseId: data.caseId, reason: data.reason })];
}

/** The case, if it exists and can still change. */
function openCaseOf(
  state: IntakeState,
  residentId: string,
  caseId: string,
): { resident: RegisteredResident; record: CaseRecord } | IntakeError {
  if (state.status !== 'registered') return refuse.residentNotRegistered(residentId);
  const record = state.cases[caseId];
  if (!record) return refuse.caseNotFound(caseId);
  if (record.status === 'SUBMITTED') return refuse.caseAlreadySubmitted(caseId);
  if (record.status === 'WITHDRAWN') return refuse.caseAlreadyWithdrawn(caseId);
  return { resident: state, record };
}
