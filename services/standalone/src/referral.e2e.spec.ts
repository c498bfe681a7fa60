/**
 * The referral flow in standalone mode: one process (the standalone host `npm start` runs) with a
 * SQLite store in a scratch directory and the embedded transport. A case submitted at intake is
 * determined and referred inside the process; the school office completes its referral through the
 * agency API, and another agency neither reads it nor sees it in its list.
 */
import { loadAuthConfig, mintToken, type ActorClaims } from '@lastri/auth';
import { eventually, freePort, startServiceProcess, waitUntilReady, type ServiceProcess } from '@lastri/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SECRET = 'standalone-referral-e2e-secret-32-bytes-or-more';
const auth = loadAuthConfig({ AUTH_JWT_SECRET: SECRET });
const KANDANGSAPI = '35.75.04.1011';

/** Siti Aminah of Kandangsapi and her household, as intake's harness registers her (a boundary keeps its module out of here). */
const SITI = {
  nik: '3575045203850001',
  noKk: '3575041503100007',
  name: 'Siti Aminah',
  birthDate: '1985-03-12',
  sex: 'PEREMPUAN',
  householdRelation: 'KEPALA_KELUARGA',
  address: { street: 'Jl. Hasanudin Gg. 3 No. 12', rt: '004', rw: '002', kelurahanCode: KANDANGSAPI },
  phone: '+6281234567890',
  householdMembers: [
    { name: 'Ahmad Fauzi', nik: '3575042107100003', relation: 'ANAK', birthDate: '2010-07-21', sex: 'LAKI_LAKI' },
    { name: 'Nur Aini', nik: '3575044501160002', relation: 'ANAK', birthDate: '2016-01-05', sex: 'PEREMPUAN' },
  ],
};
const CONSENT = {
  legalBasis: 'CONSENT',
  purposes: ['CASE_HANDLING', 'ELIGIBILITY_DETERMINATION', 'REFERRAL_TO_PARTNER_AGENCIES'],
  givenBy: { name: 'Siti Aminah', relation: 'SELF' },
  method: 'SIGNED_FORM',
};
const educationCase = (residentId: string) => ({
  residentId,
  needCategory: 'EDUCATION',
  description: 'Ahmad (kelas 9) terancam tidak bisa melanjutkan ke SMA karena biaya.',
  channel: 'PUSKESOS',
  staffRole: 'PSM',
});
/** Desil 3 in DTSEN, Ahmad in SMP and Nur Aini in SD, referenced by NIK (AssessmentRecorded v2). */
const ASSESSMENT = {
  householdIncomePerMonth: 1_850_000,
  dtsenStatus: 'IN_DTSEN',
  desil: 3,
  dtsenCheckedOn: '2025-11-10',
  children: [
    { nik: '3575042107100003', enrolled: true, level: 'SMP', grade: 9 },
    { nik: '3575044501160002', enrolled: true, level: 'SD', grade: 4 },
  ],
  disabledMembers: [],
  pregnantOrNursingMembers: [],
  employmentStatus: 'INFORMAL_WORK',
  housingCondition: { ownership: 'RENTED', uninhabitable: false },
};

const token = (claims: ActorClaims) => mintToken(auth, claims, { expiresIn: '15m' });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('standalone: a submitted case referred and completed in one process', () => {
  jest.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lastri-standalone-referral-'));
  let host: ServiceProcess | undefined;

  afterAll(async () => {
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refers the eligible case to the school office, which completes it; another agency never sees it', async () => {
    host = startServiceProcess('standalone', 'services/standalone/src/main.ts', await freePort(), {
      EVENT_STORE_URL: `sqlite:${path.join(dataDir, 'lastri.sqlite')}`,
      AUTH_JWT_SECRET: SECRET,
      INTAKE_NIK_PEPPER: 'standalone-referral-e2e-pepper',
    });
    const services = [host];
    await waitUntilReady(services);
    const call = async (method: 'GET' | 'POST', route: string, bearer: string, body?: unknown): Promise<{ status: number; body: Json }> => {
      const response = await fetch(`${host?.baseUrl}${route}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };
    const [caseworker, supervisor, school, labour] = await Promise.all([
      token({ sub: 'budi', name: 'Budi Santoso', roles: ['caseworker'], kelurahan: [KANDANGSAPI] }),
      token({ sub: 'rina', name: 'Rina Wulandari', roles: ['supervisor'] }),
      token({ sub: 'dikbud-07', name: 'Operator Dinas Pendidikan', roles: ['agency'], agencyId: 'dinas-pendidikan' }),
      token({ sub: 'disnaker-03', name: 'Operator Disnaker', roles: ['agency'], agencyId: 'disnaker' }),
    ]);

    const registered = await call('POST', '/residents', caseworker, SITI);
    expect(registered.status).toBe(201);
    const residentId: string = registered.body.residentId;
    expect((await call('POST', `/residents/${residentId}/consents`, caseworker, CONSENT)).status).toBe(201);
    const opened = await call('POST', '/cases', caseworker, educationCase(residentId));
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.caseId;
    expect((await call('POST', `/cases/${caseId}/assessments`, caseworker, ASSESSMENT)).status).toBe(201);
    expect((await call('POST', `/cases/${caseId}/submission`, supervisor, {})).status).toBe(200);

    const [referral] = await eventually(
      'the school office has its referral',
      async () => {
        const listed = (await call('GET', '/agency/referrals', school)).body as Json[];
        return listed.length > 0 ? listed : undefined;
      },
      services,
    );
    expect(referral).toMatchObject({ programme: 'PIP', needCategory: 'EDUCATION', status: 'SENT', resident: { name: 'Siti Aminah', nikMasked: '357504******0001' } });
    expect((await call('GET', '/agency/referrals', school)).body).toHaveLength(1);

    const byLabour = await call('GET', `/agency/referrals/${referral.referralId}`, labour);
    expect([byLabour.status, byLabour.body.code]).toEqual([404, 'ReferralNotFound']);
    expect((await call('POST', `/agency/referrals/${referral.referralId}/accept`, labour, {})).status).toBe(404);
    // The rules found no training need in this case, so Disnaker has nothing at all.
    expect((await call('GET', '/agency/referrals', labour)).body).toEqual([]);

    for (const [step, body] of [
      ['acknowledge', undefined],
      ['accept', {}],
      ['start', { startedOn: '2025-11-20' }],
      ['complete', { completedOn: '2025-12-01', outcome: 'SERVICE_DELIVERED' }],
    ] as const) {
      expect([step, (await call('POST', `/agency/referrals/${referral.referralId}/${step}`, school, body)).status]).toEqual([step, 200]);
    }
    const followed = ((await call('GET', `/residents/${residentId}/referrals`, caseworker)).body as Json[]).find((view) => view.referralId === referral.referralId);
    expect(followed).toMatchObject({ agencyId: 'dinas-pendidikan', status: 'COMPLETED', outcome: 'SERVICE_DELIVERED', caseId });
  });
});
