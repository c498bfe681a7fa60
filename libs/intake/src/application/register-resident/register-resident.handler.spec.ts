import { accepted, BUDI, contextOf, intakeApplication, SARI, type IntakeApplication } from '../../testing/intake-application';
import { registerSiti } from '../../testing/intake.fixtures';
import type { RegisterResidentInput } from './register-resident.handler';

function sitiInput(overrides: Partial<RegisterResidentInput> = {}): RegisterResidentInput {
  const { residentId: _id, registeredBy: _by, ...input } = registerSiti().data;
  return { ...input, ...overrides };
}

describe('RegisterResidentHandler', () => {
  let app: IntakeApplication;
  beforeEach(async () => {
    app = await intakeApplication();
  });
  afterEach(() => app.close());

  it('opens the resident stream with ResidentRegistered, recorded as the caseworker who registered', async () => {
    const { residentId, version, resident } = accepted(await app.register.handle(sitiInput(), contextOf(BUDI)));

    expect(version).toBe(0);
    expect(resident.profile).toMatchObject({ residentId, name: 'Siti Aminah', nik: '3575045203850001' });
    const [registered] = await app.store.readStream(`intake-${residentId}`);
    expect(registered).toMatchObject({
      type: 'ResidentRegistered',
      data: { residentId, registeredBy: { userId: 'budi', role: 'DINSOS_CASEWORKER' } },
      metadata: { residentId, actor: 'caseworker:budi' },
    });
  });

  it('refuses a NIK that is already registered, and opens no second stream', async () => {
    const first = accepted(await app.register.handle(sitiInput(), contextOf(BUDI)));

    const again = await app.register.handle(sitiInput({ name: 'Siti Aminah (lagi)' }), contextOf(BUDI));

    expect(again).toMatchObject({ ok: false, refusal: { type: 'NikAlreadyRegistered' } });
    const registrations = (await app.store.readAll()).filter((event) => event.type === 'ResidentRegistered');
    expect(registrations.map((event) => event.metadata.residentId)).toEqual([first.residentId]);
  });

  it('refuses a caseworker outside the kelurahan of the address, and stores nothing', async () => {
    const outcome = await app.register.handle(sitiInput(), contextOf(SARI));

    expect(outcome).toMatchObject({ ok: false, refusal: { type: 'OutsideKelurahan' } });
    expect(await app.store.readAll()).toEqual([]);
  });
});
