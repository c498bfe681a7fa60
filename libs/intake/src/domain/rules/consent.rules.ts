/**
 * The legal basis for processing a resident's data (UU PDP, Law 27/2022): consent, or a basis in
 * law. A child's data (under 18) needs a parent's or guardian's consent, so a child cannot give
 * or withdraw it as SELF. Only consent can be withdrawn; a basis in law holds regardless.
 */
import { ageOn, isAfterNow, isInstant, wibDateOf } from '@lastri/kernel';
import { intakeEvent, type IntakeEventOf } from '../intake.events';
import { problem, refuse, type FieldProblem, type IntakeError } from '../intake.errors';
import type { RecordConsent, WithdrawConsent } from '../intake.commands';
import type { IntakeState, ResidentProfile } from '../intake.state';
import { AGE_OF_MAJORITY, type ConsentGiver } from '../vocabulary';

export function recordConsent(
  command: RecordConsent,
  state: IntakeState,
): IntakeEventOf<'ConsentRecorded'>[] | IntakeError {
  const { data, metadata } = command;
  if (state.status !== 'registered') return refuse.residentNotRegistered(data.residentId);
  if (state.consents[data.consentId]) {
    return refuse.consent([problem('consentId', 'case-state', 'persetujuan dengan id ini sudah tercatat')]);
  }

  const problems: FieldProblem[] = [];
  if (!isInstant(data.givenAt)) {
    problems.push(problem('givenAt', 'date-invalid', `${data.givenAt} bukan waktu yang valid (ISO 8601 dengan zona waktu)`));
  } else if (isAfterNow(data.givenAt, metadata.now)) {
    problems.push(problem('givenAt', 'date-in-future', 'waktu pemberian persetujuan tidak boleh di masa depan'));
  } else if (wibDateOf(data.givenAt) < state.profile.birthDate) {
    problems.push(problem('givenAt', 'date-before-birth', 'waktu pemberian persetujuan tidak boleh sebelum tanggal lahir warga'));
  }

  if (data.legalBasis === 'CONSENT') {
    if (!data.givenBy) {
      problems.push(problem('givenBy', 'consent-needs-giver', 'persetujuan harus mencatat siapa yang memberikannya'));
    }
    if (!data.method) {
      problems.push(problem('method', 'consent-needs-method', 'persetujuan harus mencatat cara pemberiannya'));
    }
    if (data.givenBy && isInstant(data.givenAt)) {
      problems.push(...childGiverProblems('givenBy.relation', data.givenBy, state.profile, data.givenAt));
    }
  } else if (!data.legalReference) {
    problems.push(
      problem(
        'legalReference',
        'legal-basis-needs-reference',
        `dasar pemrosesan ${data.legalBasis} harus menyebut peraturan yang menjadi dasarnya, mis. "Permensos 15/2018 tentang SLRT"`,
      ),
    );
  }
  if (problems.length > 0) return refuse.consent(problems);

  return [
    intakeEvent('ConsentRecorded', {
      consentId: data.consentId,
      legalBasis: data.legalBasis,
      ...(data.legalReference !== undefined && { legalReference: data.legalReference }),
      purposes: data.purposes,
      ...(data.givenBy !== undefined && { givenBy: data.givenBy }),
      ...(data.method !== undefined && { method: data.method }),
      givenAt: data.givenAt,
    }),
  ];
}

export function withdrawConsent(
  command: WithdrawConsent,
  state: IntakeState,
): IntakeEventOf<'ConsentWithdrawn'>[] | IntakeError {
  const { data, metadata } = command;
  if (state.status !== 'registered') return refuse.residentNotRegistered(data.residentId);
  const consent = state.consents[data.consentId];
  if (!consent) return refuse.consentNotFound(data.consentId);
  if (consent.legalBasis !== 'CONSENT') return refuse.consentNotWithdrawable(data.consentId, consent.legalBasis);
  if (consent.activePurposes.length === 0) return refuse.consentAlreadyWithdrawn(data.consentId);

  const problems: FieldProblem[] = [];
  (data.purposes ?? []).forEach((purpose, index) => {
    if (!consent.activePurposes.includes(purpose)) {
      problems.push(
        problem(`purposes[${index}]`, 'purpose-not-active', `tujuan ${purpose} tidak (lagi) termasuk dalam persetujuan ini`),
      );
    }
  });
  problems.push(...childGiverProblems('withdrawnBy.relation', data.withdrawnBy, state.profile, metadata.now));
  if (problems.length > 0) return refuse.consent(problems);

  return [
    intakeEvent('ConsentWithdrawn', {
      consentId: data.consentId,
      ...(data.purposes !== undefined && { purposes: data.purposes }),
      withdrawnBy: data.withdrawnBy,
      withdrawnAt: metadata.now,
      ...(data.reason !== undefined && { reason: data.reason }),
    }),
  ];
}

/** A child's consent, or its withdrawal, comes from a parent or guardian. Age is taken on the day it happens. */
function childGiverProblems(
  field: string,
  giver: ConsentGiver,
  resident: ResidentProfile,
  at: string,
): FieldProblem[] {
  const age = ageOn(resident.birthDate, wibDateOf(at));
  if (age >= AGE_OF_MAJORITY || giver.relation !== 'SELF') return [];
  return [
    problem(
      field,
      'child-needs-parent-or-guardian',
      `warga berusia ${age} tahun (di bawah ${AGE_OF_MAJORITY}): persetujuan harus diberikan oleh orang tua atau wali (PARENT atau GUARDIAN), bukan SELF`,
    ),
  ];
}
