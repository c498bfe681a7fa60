import { validateEventData, type EventData } from '@lastri/contracts';
import { newId } from '@lastri/kernel';

import { accepted, BUDI, contextOf, intakeApplication, SARI, type IntakeApplication } from '../../testing/intake-application';
import { openCaseCommand, recordAssessmentCommand, recordConsentCommand, registerSiti } from '../../testing/intake.fixtures';

describe('SubmitCaseHandler', () => {
  let app: IntakeApplication;
  beforeEach(async () => {
    app = await intakeApplication();
  });
  afterEach(() => app.close());

  /** Siti registered with her consent and an open case; assessed when asked. */
  async function openedCase({ assessed }: { assessed: boolean }) {
    const { residentId: _r, registeredBy: _b, ...registration } = registerSiti().data;
    const { residentId } = accepted(await app.register.handle(registration, contextOf()));
    const { residentId: _cr, consentId: _c, ...consent } = recordConsentCommand().data;
    accepted(await app.recordConsent.handle(residentId, consent, contextOf()));
    const { caseId: _k, registeredBy: _cb, ...opening } = openCaseCommand({ residentId }).data;
    const { caseId } = accepted(await app.openCase.handle(opening, contextOf()));
    if (assessed) {
      const { residentId: _ar, caseId: _ac, assessmentId: _a, assessedBy: _ab, ...assessment } = recordAssessmentCommand().data;
      accepted(await app.recordAssessment.handle(caseId, assessment, contextOf()));
    }
    return { residentId, caseId };
  }

  it('appends CaseSubmitted to the resident stream, found through the case id alone', async () => {
    const { residentId, caseId } = await openedCase({ assessed: true });

    const { appended, resident } = accepted(await app.submitCase.handle(caseId, contextOf(BUDI)));

    expect(appended.map((event) => event.type)).toEqual(['CaseSubmitted']);
    expect(appended[0].data).toMatchObject({ caseId, submittedBy: { userId: 'budi' } });
    expect(resident.cases[caseId].status).toBe('SUBMITTED');
    expect((await app.store.readStream(`intake-${residentId}`)).at(-1)).toMatchObject({ type: 'CaseSubmitted', metadata: { caseId } });
  });

  it('submits a case assessed before members were referenced by NIK: the stored v1 assessment reads as v2', async () => {
    const { residentId, caseId } = await openedCase({ assessed: false });
    const stream = `intake-${residentId}`;
    const [opened] = (await app.store.readStream(stream)).filter((event) => event.type === 'CaseOpened');
    const v1: EventData<'AssessmentRecorded', 1> = {
      caseId,
      assessmentId: newId(),
      householdIncomePerMonth: 1_850_000,
      householdSize: 4,
      dtsenStatus: 'IN_DTSEN',
      desil: 3,
      dtsenCheckedOn: '2025-11-10',
      children: [{ name: 'Ahmad Fauzi', age: 15, enrolled: true, level: 'SMP', grade: 9 }],
      disabledMembers: [],
      elderlyMembers: [{ name: 'Sumiati', age: 72 }],
      pregnantOrNursing: true,
      employmentStatus: 'INFORMAL_WORK',
      housingCondition: { ownership: 'RENTED', uninhabitable: false },
      assessedBy: { userId: 'budi', role: 'DINSOS_CASEWORKER' },
    };
    await app.store.append(
      stream,
      [{ id: newId(), type: 'AssessmentRecorded', schemaVersion: 1, data: v1, metadata: { ...opened.metadata, causationId: newId() } }],
      opened.streamVersion,
    );

    const { appended } = accepted(await app.submitCase.handle(caseId, contextOf(BUDI)));

    expect(appended[0].schemaVersion).toBe(2);
    expect(validateEventData('CaseSubmitted', 2, appended[0].data)).toEqual({ ok: true });
    expect((appended[0].data as EventData<'CaseSubmitted', 2>).assessment).toMatchObject({
      children: [{ nik: null, name: 'Ahmad Fauzi', age: 15 }],
      elderlyMembers: [{ nik: null, name: 'Sumiati', age: 72 }],
      pregnantOrNursing: true,
      pregnantOrNursingMembers: [],
    });
  });

  it('refuses a case that is not ready (no assessment) and appends nothing', async () => {
    const { residentId, caseId } = await openedCase({ assessed: false });
    const before = await app.store.readStream(`intake-${residentId}`);

    const outcome = await app.submitCase.handle(caseId, contextOf(BUDI));

    expect(outcome).toMatchObject({ ok: false, refusal: { type: 'CaseNotReadyForSubmission' } });
    expect(await app.store.readStream(`intake-${residentId}`)).toHaveLength(before.length);
  });

  it('refuses an unknown case, and a caseworker of another kelurahan', async () => {
    const { caseId } = await openedCase({ assessed: true });

    expect(await app.submitCase.handle(newId(), contextOf(BUDI))).toMatchObject({ ok: false, refusal: { type: 'CaseNotFound' } });
    expect(await app.submitCase.handle(caseId, contextOf(SARI))).toMatchObject({ ok: false, refusal: { type: 'OutsideKelurahan' } });
  });

  it('with a stale If-Match answers a version conflict instead of submitting', async () => {
    const { caseId } = await openedCase({ assessed: true });

    const outcome = await app.submitCase.handle(caseId, contextOf(BUDI, { expectedVersion: 0 }));

    expect(outcome).toMatchObject({ ok: false, refusal: { type: 'VersionConflict', currentVersion: 3 } });
  });
});
