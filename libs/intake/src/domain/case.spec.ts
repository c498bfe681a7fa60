import type { ChangeCircumstances, RegisterResident } from './intake.commands';
import type { NeedCategory } from './vocabulary';
import { given } from '../testing/decider-specification';
import {
  AHMAD,
  CASE_ID,
  LATER,
  NOW,
  NUR_AINI,
  PSM,
  RESIDENT_ID,
  SITI_NIK,
  SUMIATI,
  history,
  homeVisitCommand,
  id,
  openCaseCommand,
  recordAssessmentCommand,
  recordConsentCommand,
  registerSiti,
  submitCaseCommand,
  withdrawCaseCommand,
  withdrawConsentCommand,
} from '../testing/intake.fixtures';

const opened = () => history(registerSiti(), openCaseCommand());
const readyToSubmit = () => history(registerSiti(), recordConsentCommand(), openCaseCommand(), recordAssessmentCommand());

describe('OpenCase', () => {
  it('opens a case with its need, channel and who registered it', () => {
    given(...history(registerSiti()))
      .when(openCaseCommand())
      .thenEmits([
        {
          type: 'CaseOpened',
          schemaVersion: 1,
          data: {
            caseId: CASE_ID,
            needCategory: 'EDUCATION',
            description: 'Ahmad (kelas 9) terancam tidak bisa melanjutkan ke SMA karena biaya.',
            channel: 'PUSKESOS',
            registeredBy: PSM,
            priority: 'NORMAL',
            vulnerabilityReasons: [],
          },
        },
      ]);
  });

  it('puts a vulnerable resident on the priority track', () => {
    const [event] = given(...history(registerSiti()))
      .when(openCaseCommand({ declaredVulnerabilities: ['VIOLENCE_VICTIM', 'PREGNANT_OR_NURSING'] }))
      .events();
    expect(event.data).toMatchObject({ priority: 'PRIORITY', vulnerabilityReasons: ['PREGNANT_OR_NURSING', 'VIOLENCE_VICTIM'] });
  });

  it('recognises an elderly resident (60 or over) from the birth date, without being told', () => {
    const sumiati = registerSiti({
      nik: '3575047011520001',
      name: 'Sumiati',
      birthDate: '1952-11-30',
      householdRelation: 'ORANG_TUA',
      householdMembers: [
        { name: 'Siti Aminah', nik: '3575045203850001', relation: 'KEPALA_KELUARGA', birthDate: '1985-03-12', sex: 'PEREMPUAN' },
      ],
    });
    const [event] = given(...history(sumiati)).when(openCaseCommand({ needCategory: 'ELDERLY_CARE' })).events();
    expect(event.data).toMatchObject({ priority: 'PRIORITY', vulnerabilityReasons: ['ELDERLY'] });
  });

  it('needs the complaint for a case from a complaint channel, and only then', () => {
    given(...history(registerSiti()))
      .when(openCaseCommand({ channel: 'COMPLAINT_CHANNEL' }))
      .thenRefuses('CaseDataRefused', [{ field: 'complaint', rule: 'complaint-required' }]);
    given(...history(registerSiti()))
      .when(openCaseCommand({ complaint: { source: 'E_SAMBAT', reference: 'ES-2025-1101' } }))
      .thenRefuses('CaseDataRefused', [{ field: 'complaint', rule: 'complaint-only-for-complaint-channel' }]);
    given(...history(registerSiti()))
      .when(openCaseCommand({ channel: 'COMPLAINT_CHANNEL', complaint: { source: 'LAPOR', reference: 'LAPOR-88213' } }))
      .events();
  });

  it('refuses a case for a resident not registered, and a case id used twice', () => {
    given().when(openCaseCommand()).thenRefuses('ResidentNotRegistered');
    given(...opened()).when(openCaseCommand()).thenRefuses('CaseAlreadyOpened');
  });
});

describe('RecordAssessment', () => {
  it('records the household as assessed, its size taken from the KK when not given', () => {
    const [event] = given(...opened()).when(recordAssessmentCommand()).events();
    expect(event).toMatchObject({ type: 'AssessmentRecorded', data: { householdSize: 4, desil: 3, dtsenStatus: 'IN_DTSEN' } });
  });

  it('refuses a household size that differs from the KK on record', () => {
    given(...opened())
      .when(recordAssessmentCommand({ householdSize: 6 }))
      .thenRefuses('CaseDataRefused', [{ field: 'householdSize', rule: 'household-size-differs-from-kk' }]);
  });

  it('refuses a desil for a household not in DTSEN, and accepts one not ranked yet', () => {
    given(...opened())
      .when(recordAssessmentCommand({ dtsenStatus: 'NOT_IN_DTSEN', desil: 2 }))
      .thenRefuses('CaseDataRefused', [{ field: 'desil', rule: 'desil-only-in-dtsen' }]);
    given(...opened()).when(recordAssessmentCommand({ dtsenStatus: 'IN_DTSEN', desil: null })).events();
  });

  it('refuses schooling that does not add up', () => {
    given(...opened())
      .when(
        recordAssessmentCommand({
          children: [
            { nik: AHMAD.nik, enrolled: true, level: 'SMP', grade: 4 },
            { nik: NUR_AINI.nik, enrolled: false, level: 'SD', grade: 4 },
            { nik: SUMIATI.nik, enrolled: true, level: 'PAUD', grade: 1 },
            { nik: SITI_NIK, enrolled: true, level: null, grade: null },
          ],
        }),
      )
      .thenRefuses('CaseDataRefused', [
        { field: 'children[0].grade', rule: 'schooling-inconsistent' },
        { field: 'children[1].level', rule: 'schooling-inconsistent' },
        { field: 'children[2].grade', rule: 'schooling-inconsistent' },
        { field: 'children[3].level', rule: 'schooling-inconsistent' },
      ]);
  });

  it('refuses a DTSEN check dated in the future', () => {
    given(...opened())
      .when(recordAssessmentCommand({ dtsenCheckedOn: '2025-11-11' }))
      .thenRefuses('CaseDataRefused', [{ field: 'dtsenCheckedOn', rule: 'date-in-future' }]);
  });

  it('refuses an assessment for an unknown case', () => {
    given(...history(registerSiti())).when(recordAssessmentCommand()).thenRefuses('CaseNotFound');
  });
});

describe('RecordHomeVisit', () => {
  it('records a visit with its verdict', () => {
    const [event] = given(...opened()).when(homeVisitCommand()).events();
    expect(event).toMatchObject({ type: 'HomeVisitRecorded', data: { verdict: 'LAYAK', visitedBy: { role: 'TKSK' } } });
  });

  it('refuses a visit in the future or before the case was opened', () => {
    given(...opened())
      .when(homeVisitCommand({ visitedAt: '2025-11-13T10:30:00+07:00' }))
      .thenRefuses('CaseDataRefused', [{ field: 'visitedAt', rule: 'date-in-future' }]);
    given(...opened())
      .when(homeVisitCommand({ visitedAt: '2025-11-09T10:30:00+07:00' }))
      .thenRefuses('CaseDataRefused', [{ field: 'visitedAt', rule: 'date-invalid' }]);
  });
});

describe('SubmitCase', () => {
  it('submits with the snapshot eligibility decides on: case, resident, household, assessment, sources', () => {
    const stream = readyToSubmit();
    const [event] = given(...stream).when(submitCaseCommand()).events();
    expect(event.type).toBe('CaseSubmitted');
    expect(event.data).toMatchObject({
      caseId: CASE_ID,
      submittedAt: LATER,
      case: { needCategory: 'EDUCATION', priority: 'NORMAL', openedAt: NOW },
      resident: { residentId: RESIDENT_ID, nik: '3575045203850001', address: { kecamatanCode: '35.75.04' } },
      household: { members: [{ name: 'Ahmad Fauzi' }, { name: 'Nur Aini' }, { name: 'Sumiati' }] },
      assessment: { householdSize: 4, desil: 3, assessedAt: NOW },
      sourceEventIds: stream.map((e) => e.metadata.eventId),
    });
    expect(event.data).not.toHaveProperty('homeVisit');
    expect((event.data as { resident: object }).resident).not.toHaveProperty('phone');
  });

  it('carries the latest home visit when there was one', () => {
    const visited = history(registerSiti(), recordConsentCommand(), openCaseCommand(), recordAssessmentCommand(), homeVisitCommand());
    const [withVisit] = given(...visited).when(submitCaseCommand()).events();
    expect(withVisit.data).toMatchObject({ homeVisit: { verdict: 'LAYAK', visitId: id('visit-1') } });
  });

  it('lists everything missing: consent and assessment', () => {
    const refusal = given(...opened())
      .when(submitCaseCommand())
      .thenRefuses('CaseNotReadyForSubmission', [
        { field: 'consent', rule: 'active-consent-required' },
        { field: 'assessment', rule: 'assessment-required' },
      ]);
    expect(refusal.message).toMatch(/consent: .*; assessment: /);
  });

  it('needs a basis for case handling and eligibility: withdrawn consent no longer counts', () => {
    const withdrawn = history(
      registerSiti(),
      recordConsentCommand(),
      withdrawConsentCommand({ purposes: ['ELIGIBILITY_DETERMINATION'] }),
      openCaseCommand(),
      recordAssessmentCommand(),
    );
    const refusal = given(...withdrawn)
      .when(submitCaseCommand())
      .thenRefuses('CaseNotReadyForSubmission', [{ field: 'consent', rule: 'active-consent-required' }]);
    expect(refusal.problems[0].message).toMatch(/penetapan kelayakan/);
  });

  it('accepts a basis in law instead of consent', () => {
    given(
      ...history(
        registerSiti(),
        recordConsentCommand({
          legalBasis: 'PUBLIC_SERVICE_BY_LAW',
          legalReference: 'Permensos 15/2018 tentang SLRT',
          givenBy: undefined,
          method: undefined,
        }),
        openCaseCommand(),
        recordAssessmentCommand(),
      ),
    )
      .when(submitCaseCommand())
      .events();
  });

  it('allows a household not in DTSEN without a home visit: eligibility sends it to manual review', () => {
    given(
      ...history(
        registerSiti(),
        recordConsentCommand(),
        openCaseCommand(),
        recordAssessmentCommand({ dtsenStatus: 'NOT_IN_DTSEN', desil: null }),
      ),
    )
      .when(submitCaseCommand())
      .events();
  });

  it('refuses an assessment the household has outgrown since', () => {
    const birth: ChangeCircumstances = {
      type: 'ChangeCircumstances',
      data: {
        residentId: RESIDENT_ID,
        changes: { householdMembersJoined: [{ name: 'Bayi', relation: 'ANAK', birthDate: '2025-11-09', sex: 'LAKI_LAKI' }] },
        effectiveFrom: '2025-11-09',
        reason: 'Kelahiran',
      },
      metadata: { now: NOW },
    };
    const outgrown = history(registerSiti(), recordConsentCommand(), openCaseCommand(), recordAssessmentCommand(), birth);
    given(...outgrown)
      .when(submitCaseCommand())
      .thenRefuses('CaseNotReadyForSubmission', [{ field: 'assessment.householdSize', rule: 'assessment-outdated' }]);
  });

  it('needs the people the need is about: school children for an education case', () => {
    given(...history(registerSiti(), recordConsentCommand(), openCaseCommand(), recordAssessmentCommand({ children: [] })))
      .when(submitCaseCommand())
      .thenRefuses('CaseNotReadyForSubmission', [
        { field: 'assessment.children', rule: 'assessment-lacks-what-the-need-requires' },
      ]);
  });

  it.each<[NeedCategory, string, Partial<RegisterResident['data']>]>([
    ['DISABILITY_CARE', 'assessment.disabledMembers', {}],
    // Nobody on this KK is 60 or more, so intake derives no elderly member.
    ['ELDERLY_CARE', 'assessment.elderlyMembers', { householdMembers: [AHMAD, NUR_AINI] }],
  ])('needs the people a %s case is about', (needCategory, field, registration) => {
    given(
      ...history(registerSiti(registration), recordConsentCommand(), openCaseCommand({ needCategory }), recordAssessmentCommand()),
    )
      .when(submitCaseCommand())
      .thenRefuses('CaseNotReadyForSubmission', [{ field, rule: 'assessment-lacks-what-the-need-requires' }]);
  });

  it('refuses submitting twice, and anything more on a submitted case', () => {
    const submitted = history(registerSiti(), recordConsentCommand(), openCaseCommand(), recordAssessmentCommand(), submitCaseCommand());
    given(...submitted).when(submitCaseCommand()).thenRefuses('CaseAlreadySubmitted');
    given(...submitted).when(recordAssessmentCommand()).thenRefuses('CaseAlreadySubmitted');
    given(...submitted).when(homeVisitCommand()).thenRefuses('CaseAlreadySubmitted');
  });

  it('refuses an unknown case', () => {
    given(...readyToSubmit()).when(submitCaseCommand(LATER, id('no-such-case'))).thenRefuses('CaseNotFound');
  });
});

describe('commands on cases of a resident not registered', () => {
  it.each([
    ['RecordAssessment', () => recordAssessmentCommand()],
    ['RecordHomeVisit', () => homeVisitCommand()],
    ['SubmitCase', () => submitCaseCommand()],
    ['WithdrawCase', () => withdrawCaseCommand()],
  ] as const)('refuses %s', (_type, command) => {
    given().when(command()).thenRefuses('ResidentNotRegistered');
  });
});

describe('WithdrawCase', () => {
  it('withdraws an open or a submitted case, with the reason', () => {
    given(...opened())
      .when(withdrawCaseCommand())
      .thenEmits([
        { type: 'CaseWithdrawn', schemaVersion: 1, data: { caseId: CASE_ID, reason: 'Biaya sekolah sudah ditanggung keluarga' } },
      ]);
    given(...history(registerSiti(), recordConsentCommand(), openCaseCommand(), recordAssessmentCommand(), submitCaseCommand()))
      .when(withdrawCaseCommand())
      .events();
  });

  it('refuses withdrawing twice, and submitting a withdrawn case', () => {
    const withdrawn = history(registerSiti(), recordConsentCommand(), openCaseCommand(), recordAssessmentCommand(), withdrawCaseCommand());
    given(...withdrawn).when(withdrawCaseCommand()).thenRefuses('CaseAlreadyWithdrawn');
    given(...withdrawn).when(submitCaseCommand()).thenRefuses('CaseAlreadyWithdrawn');
  });
});
