import type { CorrectProfile, RecordAssessment } from './intake.commands';
import type { IntakeEventOf } from './intake.events';
import { given } from '../testing/decider-specification';
import {
  AHMAD,
  NUR_AINI,
  RESIDENT_ID,
  SITI_NIK,
  SUMIATI,
  history,
  openCaseCommand,
  recordAssessmentCommand,
  recordConsentCommand,
  registerSiti,
  submitCaseCommand,
} from '../testing/intake.fixtures';

const BUDI_NIK = '3575041405900001';
/** A man registered alone on his KK: the household of the acceptance run. */
const budiAlone = () =>
  registerSiti({ nik: BUDI_NIK, name: 'Budi Santoso', birthDate: '1990-05-14', sex: 'LAKI_LAKI', householdMembers: [] });

const assess = (overrides: Partial<RecordAssessment['data']>, now?: string) =>
  recordAssessmentCommand({ children: [], disabledMembers: [], pregnantOrNursingMembers: [], ...overrides }, now);

describe('RecordAssessment references the people on the KK', () => {
  it('refuses, for a man registered alone, a pupil, an 80-year-old and a pregnancy, naming each field', () => {
    const refusal = given(...history(budiAlone(), openCaseCommand()))
      .when(
        assess({
          children: [{ nik: '3575040203170002', enrolled: true, level: 'SD', grade: 3 }],
          disabledMembers: [{ nik: '3575041001450003', kind: 'PHYSICAL', severity: 'SEVERE' }],
          pregnantOrNursingMembers: [{ nik: BUDI_NIK }],
        }),
      )
      .thenRefuses('CaseDataRefused', [
        { field: 'children[0].nik', rule: 'not-a-household-member' },
        { field: 'disabledMembers[0].nik', rule: 'not-a-household-member' },
        { field: 'pregnantOrNursingMembers[0].nik', rule: 'pregnancy-implausible' },
      ]);
    expect(refusal.problems[2].message).toMatch(/Budi Santoso tercatat laki-laki/);
  });

  it('lists nobody as elderly in that household: the elderly come from the KK, not from the request', () => {
    const [event] = given(...history(budiAlone(), openCaseCommand())).when(assess({})).events();
    expect(event.data).toMatchObject({ householdSize: 1, elderlyMembers: [], pregnantOrNursing: false });
  });

  it('copies name and age from the KK, and derives every member aged 60 or more', () => {
    const [event] = given(...history(registerSiti(), openCaseCommand())).when(recordAssessmentCommand()).events() as IntakeEventOf<'AssessmentRecorded'>[];
    expect(event.schemaVersion).toBe(2);
    expect(event.data.children).toEqual([
      { nik: AHMAD.nik, name: 'Ahmad Fauzi', age: 15, enrolled: true, level: 'SMP', grade: 9 },
      { nik: NUR_AINI.nik, name: 'Nur Aini', age: 9, enrolled: true, level: 'SD', grade: 4 },
    ]);
    expect(event.data.elderlyMembers).toEqual([{ nik: SUMIATI.nik, name: 'Sumiati', age: 72 }]);
  });

  it('counts an elderly head of household without her being sent, and lets her case be submitted', () => {
    const sumiatiHeads = registerSiti({
      nik: SUMIATI.nik,
      name: 'Sumiati',
      birthDate: SUMIATI.birthDate,
      householdMembers: [{ name: 'Siti Aminah', nik: SITI_NIK, relation: 'ANAK', birthDate: '1985-03-12', sex: 'PEREMPUAN' }],
    });
    const stream = history(sumiatiHeads, recordConsentCommand(), openCaseCommand({ needCategory: 'ELDERLY_CARE' }));
    const [event] = given(...stream).when(assess({})).events();
    expect(event.data).toMatchObject({ elderlyMembers: [{ nik: SUMIATI.nik, name: 'Sumiati', age: 72 }] });

    const [submitted] = given(...history(sumiatiHeads, recordConsentCommand(), openCaseCommand({ needCategory: 'ELDERLY_CARE' }), assess({})))
      .when(submitCaseCommand())
      .events();
    expect(submitted.type).toBe('CaseSubmitted');
  });

  describe('a member registered without a NIK yet (a newborn) is named as on the KK', () => {
    const bayi = { name: 'Bayi Nur Hidayah', relation: 'ANAK' as const, birthDate: '2025-06-01', sex: 'PEREMPUAN' as const };
    const withNewborn = (...newborns: (typeof bayi)[]) =>
      registerSiti({ householdMembers: [AHMAD, NUR_AINI, SUMIATI, ...newborns] });

    it('records the child with a null NIK, the KK name and the age from the birth date', () => {
      const [event] = given(...history(withNewborn(bayi), openCaseCommand()))
        .when(assess({ children: [{ name: '  bayi nur   hidayah ', enrolled: false, level: null, grade: null }] }))
        .events() as IntakeEventOf<'AssessmentRecorded'>[];
      expect(event.data.children).toEqual([{ nik: null, name: 'Bayi Nur Hidayah', age: 0, enrolled: false, level: null, grade: null }]);
    });

    it('refuses a name that is no member without a NIK, and one that two such members share', () => {
      given(...history(withNewborn(bayi), openCaseCommand()))
        .when(assess({ children: [{ name: 'Ahmad Fauzi', enrolled: true, level: 'SMP', grade: 9 }] }))
        .thenRefuses('CaseDataRefused', [{ field: 'children[0].name', rule: 'not-a-household-member' }]);
      given(...history(withNewborn(bayi, { ...bayi, birthDate: '2025-06-01' }), openCaseCommand()))
        .when(assess({ disabledMembers: [{ name: bayi.name, kind: 'PHYSICAL', severity: 'MILD' }] }))
        .thenRefuses('CaseDataRefused', [{ field: 'disabledMembers[0].name', rule: 'member-ambiguous' }]);
    });

    it('refuses the same newborn twice in one list', () => {
      given(...history(withNewborn(bayi), openCaseCommand()))
        .when(
          assess({
            children: [
              { name: bayi.name, enrolled: false, level: null, grade: null },
              { name: bayi.name.toUpperCase(), enrolled: false, level: null, grade: null },
            ],
          }),
        )
        .thenRefuses('CaseDataRefused', [{ field: 'children[1].name', rule: 'member-listed-twice' }]);
    });
  });

  it('records a disabled resident by her own NIK', () => {
    const [event] = given(...history(registerSiti(), openCaseCommand()))
      .when(assess({ disabledMembers: [{ nik: SITI_NIK, kind: 'SENSORY', severity: 'MODERATE' }] }))
      .events();
    expect(event.data).toMatchObject({
      disabledMembers: [{ nik: SITI_NIK, name: 'Siti Aminah', age: 40, kind: 'SENSORY', severity: 'MODERATE' }],
    });
  });

  it('records a pupil of 22: which ages count is the programmes’ rule data, not the request’s', () => {
    const rina = { name: 'Rina Wati', nik: '3575044106030004', relation: 'ANAK' as const, birthDate: '2003-06-01', sex: 'PEREMPUAN' as const };
    const [event] = given(...history(registerSiti({ householdMembers: [AHMAD, NUR_AINI, SUMIATI, rina] }), openCaseCommand()))
      .when(assess({ children: [{ nik: rina.nik, enrolled: true, level: 'SMK', grade: 12 }] }))
      .events();
    expect(event.data).toMatchObject({ children: [{ nik: rina.nik, name: 'Rina Wati', age: 22, level: 'SMK' }] });
  });

  it('counts age on the day of the assessment in WIB, not in UTC', () => {
    const bayu = { name: 'Bayu', nik: '3575041111100005', relation: 'ANAK' as const, birthDate: '2010-11-11', sex: 'LAKI_LAKI' as const };
    // 17:30 UTC on 10 November is 00:30 WIB on 11 November: Bayu's 15th birthday.
    const [event] = given(...history(registerSiti({ householdMembers: [AHMAD, NUR_AINI, SUMIATI, bayu] }), openCaseCommand()))
      .when(assess({ children: [{ nik: bayu.nik, enrolled: true, level: 'SMP', grade: 9 }] }, '2025-11-10T17:30:00.000Z'))
      .events();
    expect(event.data).toMatchObject({ children: [{ nik: bayu.nik, age: 15 }] });
  });

  it('records a pregnancy per woman, and keeps the household flag beside the list', () => {
    const [event] = given(...history(registerSiti(), openCaseCommand())).when(assess({ pregnantOrNursingMembers: [{ nik: SITI_NIK }] })).events();
    expect(event.data).toMatchObject({
      pregnantOrNursing: true,
      pregnantOrNursingMembers: [{ nik: SITI_NIK, name: 'Siti Aminah', age: 40 }],
    });
  });

  it('refuses the pregnancy of a male member, of a girl of 9 and of a woman of 72', () => {
    given(...history(registerSiti(), openCaseCommand()))
      .when(assess({ pregnantOrNursingMembers: [{ nik: AHMAD.nik }, { nik: NUR_AINI.nik }, { nik: SUMIATI.nik }] }))
      .thenRefuses('CaseDataRefused', [
        { field: 'pregnantOrNursingMembers[0].nik', rule: 'pregnancy-implausible' },
        { field: 'pregnantOrNursingMembers[1].nik', rule: 'pregnancy-implausible' },
        { field: 'pregnantOrNursingMembers[2].nik', rule: 'pregnancy-implausible' },
      ]);
  });

  it('refuses the same person twice in one list, but not in two lists', () => {
    given(...history(registerSiti(), openCaseCommand()))
      .when(
        assess({
          children: [
            { nik: AHMAD.nik, enrolled: true, level: 'SMP', grade: 9 },
            { nik: AHMAD.nik, enrolled: true, level: 'SMP', grade: 9 },
          ],
        }),
      )
      .thenRefuses('CaseDataRefused', [{ field: 'children[1].nik', rule: 'member-listed-twice' }]);
    given(...history(registerSiti(), openCaseCommand()))
      .when(
        assess({
          children: [{ nik: AHMAD.nik, enrolled: true, level: 'SMP', grade: 9 }],
          disabledMembers: [{ nik: AHMAD.nik, kind: 'PHYSICAL', severity: 'MILD' }],
        }),
      )
      .events();
  });
});

describe('an assessment the KK no longer matches is outdated', () => {
  const correction = (householdMembers: CorrectProfile['data']['corrections']['householdMembers']): CorrectProfile => ({
    type: 'CorrectProfile',
    data: { residentId: RESIDENT_ID, corrections: { householdMembers }, reason: 'Salah input KK' },
    metadata: { now: '2025-11-11T02:00:00.000Z' },
  });
  const assessedThenCorrected = (fix: CorrectProfile) =>
    history(registerSiti(), recordConsentCommand(), openCaseCommand(), recordAssessmentCommand(), fix);

  it('refuses to submit once a member it references is removed, until re-assessed', () => {
    const removed = assessedThenCorrected(correction([NUR_AINI, SUMIATI]));
    given(...removed)
      .when(submitCaseCommand())
      .thenRefuses('CaseNotReadyForSubmission', [
        { field: 'assessment.householdSize', rule: 'assessment-outdated' },
        { field: 'assessment.children[0].nik', rule: 'assessment-outdated' },
      ]);

    const reassessed = history(
      registerSiti(),
      recordConsentCommand(),
      openCaseCommand(),
      recordAssessmentCommand(),
      correction([NUR_AINI, SUMIATI]),
      recordAssessmentCommand({ children: [{ nik: NUR_AINI.nik, enrolled: true, level: 'SD', grade: 4 }] }, '2025-11-11T03:00:00.000Z'),
    );
    given(...reassessed).when(submitCaseCommand()).events();
  });

  it('notices a referenced member whose NIK was corrected, though the KK kept its size', () => {
    const renumbered = assessedThenCorrected(correction([{ ...AHMAD, nik: '3575042107100009' }, NUR_AINI, SUMIATI]));
    given(...renumbered)
      .when(submitCaseCommand())
      .thenRefuses('CaseNotReadyForSubmission', [{ field: 'assessment.children[0].nik', rule: 'assessment-outdated' }]);
  });
});
