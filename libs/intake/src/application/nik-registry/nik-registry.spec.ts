/**
 * NIK uniqueness when a registration dies between its two appends (reservation, then resident),
 * and when a correction's release of the old NIK is lost. A real SQLite store and the real API;
 * the "crash" is a reservation written through the registry with nothing after it, and time is
 * a clock the test moves.
 */
import { createEventStore, START, type EventStore } from '@lastri/event-store';
import type { Clock } from '@lastri/kernel';

import {
  loneResident,
  nikOf,
  startIntakeApi,
  tokens,
  type IntakeApi,
} from '../../testing/intake-api.harness';
import { NikRegistry, PENDING_REGISTRATION_GRACE_SECONDS } from './nik-registry';

const GHOST = '6f1d7c2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';

describe('NIK reservations surviving a crash', () => {
  let store: EventStore;
  let api: IntakeApi;
  let registry: NikRegistry;
  let budi: string;
  let now = Date.parse('2025-11-10T02:00:00.000Z');
  const clock: Clock = { now: () => new Date(now) };
  const advance = (seconds: number) => (now += seconds * 1000);
  const provenance = (residentId: string) => ({
    residentId,
    correlationId: 'crash-test',
    causationId: 'crash-test',
    actor: 'caseworker:budi',
    occurredAt: new Date(now).toISOString(),
  });
  const registrationsOf = async (nik: string) =>
    (await store.readAll(START, 100_000)).filter(
      (event) => event.type === 'ResidentRegistered' && (event.data as { nik: string }).nik === nik,
    );

  beforeAll(async () => {
    store = await createEventStore('sqlite::memory:');
    api = await startIntakeApi(store, { clock });
    registry = api.app.get(NikRegistry);
    budi = await tokens.budi();
  });

  afterAll(async () => {
    await api.close();
    await store.close();
  });

  it('answers "in progress" while a reserved registration may still finish, then finishes it under the reserved id', async () => {
    const nik = nikOf('1990-07-21', 'LAKI_LAKI', 901);
    expect(await registry.claim(nik, GHOST, 'registration', provenance(GHOST), 'nik')).toEqual({ kind: 'claimed' });

    advance(5);
    const early = await api.call('POST', '/residents', { token: budi, body: loneResident(901) });
    expect(early).toMatchObject({
      status: 409,
      body: { code: 'NikRegistrationPending', existingResident: { residentId: GHOST, url: `/residents/${GHOST}` } },
    });
    expect(Number(early.headers.get('retry-after'))).toBe(PENDING_REGISTRATION_GRACE_SECONDS - 5);
    expect(await registrationsOf(nik)).toHaveLength(0);

    advance(PENDING_REGISTRATION_GRACE_SECONDS);
    const retried = await api.call('POST', '/residents', { token: budi, body: loneResident(901) });
    expect(retried).toMatchObject({ status: 201, body: { residentId: GHOST, nik } });
    expect(await registrationsOf(nik)).toHaveLength(1);

    const again = await api.call('POST', '/residents', { token: budi, body: loneResident(901) });
    expect(again).toMatchObject({ status: 409, body: { code: 'NikAlreadyRegistered', existingResident: { residentId: GHOST } } });
  });

  it('takes over a reservation left pointing at a resident whose NIK was corrected away', async () => {
    const oldNik = nikOf('1990-07-21', 'LAKI_LAKI', 910);
    const registered = await api.call('POST', '/residents', { token: budi, body: loneResident(910) });
    const residentId = registered.body.residentId as string;
    const corrected = await api.call('POST', `/residents/${residentId}/corrections`, {
      token: budi,
      body: { corrections: { nik: nikOf('1990-07-21', 'LAKI_LAKI', 911) }, reason: 'KTP dibaca ulang' },
    });
    expect(corrected.status).toBe(200);
    expect(await registry.holderOf(oldNik)).toBeUndefined();

    // As if the release had been lost: the old NIK still names the corrected resident.
    await registry.claim(oldNik, residentId, 'correction', provenance(residentId), 'nik');
    advance(1);
    const tooSoon = await api.call('POST', '/residents', { token: budi, body: loneResident(910, { name: 'Pemilik asli' }) });
    expect(tooSoon).toMatchObject({ status: 409, body: { code: 'NikRegistrationPending' } });

    advance(PENDING_REGISTRATION_GRACE_SECONDS);
    const owner = await api.call('POST', '/residents', { token: budi, body: loneResident(910, { name: 'Pemilik asli' }) });
    expect(owner.status).toBe(201);
    expect(await registry.holderOf(oldNik)).toBe(owner.body.residentId);
  });

  it('keeps a NIK being corrected to from a registration racing it', async () => {
    const registered = await api.call('POST', '/residents', { token: budi, body: loneResident(920) });
    const residentId = registered.body.residentId as string;
    const newNik = nikOf('1990-07-21', 'LAKI_LAKI', 921);
    // The correction reserved its new NIK and has not stored the correction yet.
    await registry.claim(newNik, residentId, 'correction', provenance(residentId), 'corrections.nik');
    const racing = await api.call('POST', '/residents', { token: budi, body: loneResident(921) });
    expect(racing).toMatchObject({ status: 409, body: { code: 'NikRegistrationPending', existingResident: { residentId } } });
  });

  it('does not put the NIK in clear in the store', async () => {
    const events = await store.readAll(START, 100_000);
    const reservations = events.filter((event) => event.streamName.startsWith('intake.nik-'));
    expect(reservations.length).toBeGreaterThan(0);
    for (const event of reservations) {
      expect(event.streamName).toMatch(/^intake\.nik-[0-9a-f]{64}$/);
      expect(JSON.stringify(event)).not.toMatch(/3575042107900/);
    }
  });
});
