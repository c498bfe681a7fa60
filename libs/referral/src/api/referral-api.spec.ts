/**
 * The referral module through HTTP and the embedded event transport, on a real (SQLite) store:
 * what two partner agencies, a caseworker and a supervisor see once eligibility has determined a case.
 */
import { eventually } from '@lastri/testing';
import { newId } from '@lastri/kernel';

import { ReferralWorld } from '../testing/referral-world';
import { startReferralApi, tokens, type JsonBody, type ReferralApi } from '../testing/referral-api.harness';

const KANDANGSAPI = '35.75.04.1011';
const ELSEWHERE = '35.75.01.1001';

describe('referral API', () => {
  let world: ReferralWorld;
  let api: ReferralApi;
  let school: string;
  let labour: string;
  let supervisor: string;
  const residentId = newId();
  let pip: JsonBody;
  let pelatihan: JsonBody;

  beforeAll(async () => {
    world = await ReferralWorld.inMemory();
    api = await startReferralApi(world.store, { clock: world.clock });
    [school, labour, supervisor] = await Promise.all([tokens.agency('dinas-pendidikan'), tokens.agency('disnaker'), tokens.supervisor()]);
    await world.registerResident(residentId, 'Siti Aminah', KANDANGSAPI);
    await world.determine(residentId, [['PIP', 'ELIGIBLE'], ['PELATIHAN', 'ELIGIBLE'], ['PKH', 'NOT_ELIGIBLE']]);
    [pip] = await eventually('the school office has its referral', async () => {
      const response = await api.call('GET', '/agency/referrals', { token: school });
      return response.body?.length > 0 ? response.body : undefined;
    });
    [pelatihan] = (await api.call('GET', '/agency/referrals', { token: labour })).body;
  });
  afterAll(async () => {
    await api.close();
    await world.close();
  });

  it('shows an agency only its own referrals, with the little of the resident its programme needs', async () => {
    expect(pip).toEqual({
      referralId: expect.any(String),
      programme: 'PIP',
      needCategory: 'EDUCATION',
      priority: 'NORMAL',
      status: 'SENT',
      fhir: { status: 'requested', businessStatus: 'sent' },
      createdAt: expect.any(String),
      acknowledgeDueAt: '2025-11-18T17:00:00.000Z',
      decideDueAt: '2025-11-21T17:00:00.000Z',
      resident: {
        name: 'Siti Aminah',
        nikMasked: '357504******0001',
        phone: '+6281234567890',
        address: { street: 'Jl. Hasanudin Gg. 3 No. 12', rt: '004', rw: '002', kelurahanCode: KANDANGSAPI },
      },
    });
    expect(pelatihan).toMatchObject({ programme: 'PELATIHAN' });
    expect((await api.call('GET', '/agency/referrals', { token: labour })).body.map((view: JsonBody) => view.referralId)).toEqual([pelatihan.referralId]);
    expect((await api.call('GET', '/agency/referrals', { token: await tokens.agency('baznas') })).body).toEqual([]);
  });

  it("answers another agency's referral as not found, by id and for every step, exactly like an unknown one", async () => {
    const byId = await api.call('GET', `/agency/referrals/${pelatihan.referralId}`, { token: school });
    const unknown = await api.call('GET', `/agency/referrals/${newId()}`, { token: school });
    expect([byId.status, byId.body.code]).toEqual([404, 'ReferralNotFound']);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'ReferralNotFound']);

    for (const step of ['acknowledge', 'accept']) {
      const response = await api.call('POST', `/agency/referrals/${pelatihan.referralId}/${step}`, { token: school, body: {} });
      expect([step, response.status]).toEqual([step, 404]);
    }
    expect((await api.call('GET', `/agency/referrals/${pelatihan.referralId}`, { token: labour })).body.status).toBe('SENT');
  });

  it('lets the agency move its referral along, and refuses a step its state does not allow with 409', async () => {
    const acknowledged = await api.call('POST', `/agency/referrals/${pip.referralId}/acknowledge`, { token: school });
    expect([acknowledged.status, acknowledged.body.type]).toEqual([200, 'ReferralAcknowledged']);

    const tooEarly = await api.call('POST', `/agency/referrals/${pip.referralId}/complete`, {
      token: school,
      body: { completedOn: '2025-11-20', outcome: 'SERVICE_DELIVERED' },
    });
    expect([tooEarly.status, tooEarly.body.code]).toEqual([409, 'TransitionNotAllowed']);

    const badCode = await api.call('POST', `/agency/referrals/${pip.referralId}/decline`, { token: school, body: { reasonCode: 'QUOTA_FULL', reason: 'Penuh.' } });
    expect(badCode.status).toBe(400);

    const declined = await api.call('POST', `/agency/referrals/${pip.referralId}/decline`, {
      token: school,
      body: { reasonCode: 'CAPACITY', reason: 'Kuota PIP semester ini sudah penuh.' },
    });
    expect((await api.call('GET', `/agency/referrals/${pip.referralId}`, { token: school })).body.fhir.status).toBe('rejected');
    expect(declined.status).toBe(200);
  });

  it('lets the caseworker of the kelurahan read the resident’s referrals, and a caseworker elsewhere none', async () => {
    const here = await api.call('GET', `/residents/${residentId}/referrals`, { token: await tokens.caseworker(KANDANGSAPI) });
    expect(here.body.map((view: JsonBody) => view.programme).sort()).toEqual(['PELATIHAN', 'PIP']);
    const elsewhere = await tokens.caseworker(ELSEWHERE);
    expect((await api.call('GET', `/residents/${residentId}/referrals`, { token: elsewhere })).body).toEqual([]);
    expect((await api.call('GET', `/referrals?residentId=${residentId}`, { token: elsewhere })).body).toEqual([]);
    expect((await api.call('GET', `/referrals/${pip.referralId}`, { token: elsewhere })).status).toBe(404);
    expect((await api.call('GET', '/agency/referrals', { token: supervisor })).status).toBe(403);
  });

  it('documents every route with its answers and problems, ids as UUIDs', async () => {
    const document = (await api.call('GET', '/docs-json')).body;
    const accept = document.paths['/agency/referrals/{referralId}/accept'].post;
    expect(Object.keys(accept.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '422', '429']);
    expect(accept.parameters.find((parameter: JsonBody) => parameter.name === 'referralId').schema).toEqual({ type: 'string', format: 'uuid' });
    expect(Object.keys(document.paths).sort()).toEqual([
      '/agency/referrals',
      '/agency/referrals/{referralId}',
      '/agency/referrals/{referralId}/accept',
      '/agency/referrals/{referralId}/acknowledge',
      '/agency/referrals/{referralId}/complete',
      '/agency/referrals/{referralId}/decline',
      '/agency/referrals/{referralId}/start',
      '/referrals',
      '/referrals/escalations',
      '/referrals/{referralId}',
      '/referrals/{referralId}/close',
      '/referrals/{referralId}/reroute',
      '/residents/{residentId}/referrals',
    ].concat(Object.keys(document.paths).filter((path: string) => path.includes('api-keys') || path.includes('agencies'))).sort());
  });

  it('re-routes the declined referral to another agency, which then sees it', async () => {
    const rerouted = await api.call('POST', `/referrals/${pip.referralId}/reroute`, {
      token: supervisor,
      body: { toAgencyId: 'baznas', reason: 'BAZNAS menyalurkan beasiswa zakat.' },
    });
    expect([rerouted.status, rerouted.body.type, rerouted.body.data.agencyId]).toEqual([201, 'ReferralCreated', 'baznas']);
    const baznas = (await api.call('GET', '/agency/referrals', { token: await tokens.agency('baznas') })).body;
    expect(baznas.map((view: JsonBody) => view.referralId)).toEqual([rerouted.body.data.referralId]);

    const again = await api.call('POST', `/referrals/${pip.referralId}/reroute`, { token: supervisor, body: { toAgencyId: 'lksa', reason: 'Lagi.' } });
    expect([again.status, again.body.code]).toEqual([409, 'AlreadyRerouted']);
  });

  it('cancels the open referrals when intake records the case withdrawn', async () => {
    const caseId = (await api.call('GET', `/referrals/${pelatihan.referralId}`, { token: supervisor })).body.caseId;
    await world.withdrawCase(residentId, caseId);

    const cancelled = await eventually('the training referral is cancelled', async () => {
      const response = await api.call('GET', `/agency/referrals/${pelatihan.referralId}`, { token: labour });
      return response.body.status === 'CANCELLED' ? response.body : undefined;
    });
    expect(cancelled.fhir).toEqual({ status: 'cancelled', businessStatus: 'cancelled' });
    const statuses = (await api.call('GET', `/referrals?caseId=${caseId}`, { token: supervisor })).body.map((view: JsonBody) => [view.agencyId, view.status]);
    expect(statuses).toEqual([
      ['dinas-pendidikan', 'DECLINED'],
      ['disnaker', 'CANCELLED'],
      ['baznas', 'CANCELLED'],
    ]);
  });
});
