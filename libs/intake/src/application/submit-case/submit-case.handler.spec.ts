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
