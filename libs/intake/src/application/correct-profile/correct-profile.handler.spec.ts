import { accepted, BUDI, contextOf, intakeApplication, type IntakeApplication } from '../../testing/intake-application';
import { registerSiti } from '../../testing/intake.fixtures';

describe('CorrectProfileHandler', () => {
  let app: IntakeApplication;
  beforeEach(async () => {
    app = await intakeApplication();
  });
  afterEach(() => app.close());

  async function register(overrides: Parameters<typeof registerSiti>[0] = {}) {
    const { residentId: _r, registeredBy: _b, ...registration } = registerSiti(overrides).data;
    return accepted(await app.register.handle(registration, contextOf(BUDI))).residentId;
  }

  it('records the correction and answers with the corrected profile and the new version', async () => {
    const residentId = await register();

    const { version, resident, appended } = accepted(
      await app.correctProfile.handle(residentId, { corrections: { name: 'Siti Aminah Rahayu' }, reason: 'Salah ketik nama.' }, contextOf(BUDI)),
    );

    expect(version).toBe(1);
    expect(appended.map((event) => event.type)).toEqual(['ResidentProfileCorrected']);
    expect(resident.profile.name).toBe('Siti Aminah Rahayu');
  });

  it('refuses to correct the NIK to one another resident holds, and stores nothing for it', async () => {
    const siti = await register();
    // A second resident with another NIK of the same birth date and sex.
    await register({ nik: '3575045203850002', noKk: '3575041503100008', name: 'Siti Maryam' });

    const outcome = await app.correctProfile.handle(siti, { corrections: { nik: '3575045203850002' }, reason: 'NIK keliru.' }, contextOf(BUDI));

    expect(outcome).toMatchObject({ ok: false, refusal: { type: 'NikAlreadyRegistered' } });
    expect(await app.store.readStream(`intake-${siti}`)).toHaveLength(1);
  });

  it('with If-Match on the version read corrects; on a stale one answers a conflict', async () => {
    const residentId = await register();
    const correction = { corrections: { name: 'Siti A.' }, reason: 'Nama sesuai KTP.' };

    accepted(await app.correctProfile.handle(residentId, correction, contextOf(BUDI, { expectedVersion: 0 })));
    const stale = await app.correctProfile.handle(residentId, correction, contextOf(BUDI, { expectedVersion: 0 }));

    expect(stale).toMatchObject({ ok: false, refusal: { type: 'VersionConflict', currentVersion: 1 } });
  });
});
