/**
 * The intake API as a caseworker's client sees it: real HTTP to a running Nest application, real
 * tokens, and the two event stores that run here (SQLite embedded, PostgreSQL on the test
 * server). Whatever the API refuses, the store is read to prove that nothing was appended.
 */
import { createEventStore, START, type EventStore } from '@lastri/event-store';
import { scratchPostgresDatabase } from '@lastri/testing';
import { validateEventData, validateEventMetadata } from '@lastri/contracts';
import { SwaggerModule, DocumentBuilder } from '@nestjs/swagger';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  KANDANGSAPI,
  KARANGKETUG,
  assessment,
  consentBySiti,
  educationCase,
  loneResident,
  nikOf,
  sitiRegistration,
  startIntakeApi,
  tokens,
  type ApiResponse,
  type IntakeApi,
} from '../testing/intake-api.harness';

interface OpenStore {
  store: EventStore;
  dispose(): Promise<void>;
}

const STORES: [string, () => Promise<OpenStore>][] = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'lastri-intake-api-'));
      const store = await createEventStore(`sqlite:${path.join(dir, 'intake.sqlite')}`);
      return {
        store,
        dispose: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const database = await scratchPostgresDatabase('intake_api');
      const store = await createEventStore(database.url);
      return {
        store,
        dispose: async () => {
          await store.close();
          await database.drop();
        },
      };
    },
  ],
];

type Body = Record<string, unknown>;

describe.each(STORES)('intake API on the %s event store', (_name, openStore) => {
  let opened: OpenStore;
  let store: EventStore;
  let api: IntakeApi;
  let budi: string;
  let wati: string;
  let rina: string;
  let auditor: string;
  let agency: string;

  beforeAll(async () => {
    opened = await openStore();
    store = opened.store;
    api = await startIntakeApi(store);
    [budi, wati, rina, auditor, agency] = await Promise.all([
      tokens.budi(),
      tokens.wati(),
      tokens.rina(),
      tokens.auditor(),
      tokens.agency(),
    ]);
  });

  afterAll(async () => {
    await api?.close();
    await opened?.dispose();
  });

  const allEvents = () => store.readAll(START, 100_000);
  const countEvents = async () => (await allEvents()).length;

  async function register(body: Body, token = budi): Promise<ApiResponse> {
    return api.call('POST', '/residents', { token, body });
  }

  async function registered(body: Body = sitiRegistration()): Promise<string> {
    const response = await register(body);
    expect(response.status).toBe(201);
    return response.body.residentId as string;
  }

  async function openCase(residentId: string, body: Body = {}): Promise<string> {
    const response = await api.call('POST', '/cases', { token: budi, body: { ...educationCase(residentId), ...body } });
    expect(response.status).toBe(201);
    return response.body.caseId as string;
  }

  describe('a caseworker’s day: register, consent, open, assess, submit', () => {
    it('records each step as a contract-valid event with who, when and which request', async () => {
      const correlationId = 'console-req-7f3a';
      const registration = await api.call('POST', '/residents', {
        token: budi,
        body: sitiRegistration({ staffRole: 'PSM' }),
        headers: { 'X-Correlation-Id': correlationId },
      });
      expect(registration.status).toBe(201);
      const residentId = registration.body.residentId as string;
      expect(registration.headers.get('location')).toBe(`/residents/${residentId}`);
      expect(registration.headers.get('etag')).toBe('"0"');
      expect(registration.headers.get('x-correlation-id')).toBe(correlationId);
      expect(registration.body).toMatchObject({
        version: 0,
        address: { kelurahanCode: KANDANGSAPI, kecamatanCode: '35.75.04', kelurahanName: 'Kandangsapi', kecamatanName: 'Panggungrejo' },
        household: { size: 4 },
        registeredBy: { userId: 'budi', role: 'PSM' },
      });

      const read = await api.call('GET', `/residents/${residentId}`, { token: budi });
      expect(read).toMatchObject({ status: 200, body: { residentId, nik: '3575045203850001', name: 'Siti Aminah' } });
      expect(read.headers.get('etag')).toBe('"0"');

      const consent = await api.call('POST', `/residents/${residentId}/consents`, { token: budi, body: consentBySiti });
      expect(consent.status).toBe(201);
      expect(consent.headers.get('location')).toBe(`/residents/${residentId}/consents/${consent.body.consentId}`);
      expect(consent.headers.get('etag')).toBe('"1"');

      const opened = await api.call('POST', '/cases', {
        token: budi,
        body: { ...educationCase(residentId), vulnerabilityReasons: ['VIOLENCE_VICTIM'] },
      });
      expect(opened.status).toBe(201);
      const caseId = opened.body.caseId as string;
      expect(opened.headers.get('location')).toBe(`/cases/${caseId}`);
      expect(opened.body).toMatchObject({
        residentId,
        status: 'OPEN',
        priority: 'PRIORITY',
        vulnerabilityReasons: ['VIOLENCE_VICTIM'],
        registeredBy: { userId: 'budi', role: 'PSM' },
        submission: { ready: false, missing: [{ field: 'assessment', rule: 'assessment-required' }] },
      });

      const assessed = await api.call('POST', `/cases/${caseId}/assessments`, { token: budi, body: assessment() });
      expect(assessed).toMatchObject({ status: 201, body: { assessment: { householdSize: 4, desil: 3 }, submission: { ready: true, missing: [] } } });

      const submitted = await api.call('POST', `/cases/${caseId}/submission`, { token: rina, body: {} });
      expect(submitted).toMatchObject({ status: 200, body: { status: 'SUBMITTED' } });
      expect(submitted.headers.get('etag')).toBe('"4"');

      const stream = await store.readStream(`intake-${residentId}`);
      expect(stream.map((event) => event.type)).toEqual([
        'ResidentRegistered',
        'ConsentRecorded',
        'CaseOpened',
        'AssessmentRecorded',
        'CaseSubmitted',
      ]);
      for (const event of stream) {
        expect(validateEventData(event.type, event.schemaVersion, event.data)).toEqual({ ok: true });
        expect(validateEventMetadata(event.metadata)).toEqual({ ok: true });
      }
      expect(stream[0].metadata).toMatchObject({ residentId, correlationId, actor: 'caseworker:budi' });
      expect(stream[0].metadata.causationId).toEqual(expect.any(String));
      expect(stream[2].metadata).toMatchObject({ caseId });
      expect(stream[4]).toMatchObject({
        metadata: { caseId, actor: 'supervisor:rina' },
        data: {
          submittedBy: { userId: 'rina', role: 'DINSOS_SUPERVISOR' },
          sourceEventIds: [stream[0].id, stream[1].id, stream[2].id, stream[3].id],
        },
      });

      const readCase = await api.call('GET', `/cases/${caseId}`, { token: auditor });
      expect(readCase).toMatchObject({ status: 200, body: { caseId, status: 'SUBMITTED', version: 4 } });
      expect(readCase.headers.get('etag')).toBe('"4"');
    });

    it('records a correction and a change of circumstances as different events', async () => {
      const residentId = await registered(loneResident(101));
      const corrected = await api.call('POST', `/residents/${residentId}/corrections`, {
        token: budi,
        body: { corrections: { name: 'Warga Seratus Satu' }, reason: 'Salah ketik nama' },
      });
      expect(corrected).toMatchObject({ status: 200, body: { name: 'Warga Seratus Satu', version: 1 } });
      const changed = await api.call('POST', `/residents/${residentId}/circumstance-changes`, {
        token: budi,
        body: { changes: { employmentStatus: 'UNEMPLOYED' }, effectiveFrom: '2025-10-01', reason: 'Kena PHK' },
      });
      expect(changed).toMatchObject({
        status: 200,
        body: { circumstances: { employmentStatus: { value: 'UNEMPLOYED', effectiveFrom: '2025-10-01' } } },
      });
      const types = (await store.readStream(`intake-${residentId}`)).map((event) => event.type);
      expect(types).toEqual(['ResidentRegistered', 'ResidentProfileCorrected', 'CircumstancesChanged']);
    });

    it('withdraws consent and a case', async () => {
      const residentId = await registered(loneResident(102));
      const consent = await api.call('POST', `/residents/${residentId}/consents`, {
        token: budi,
        body: { ...consentBySiti, givenBy: { name: 'Warga 102', relation: 'SELF' } },
      });
      const withdrawn = await api.call('POST', `/residents/${residentId}/consents/${consent.body.consentId}/withdrawal`, {
        token: budi,
        body: { withdrawnBy: { name: 'Warga 102', relation: 'SELF' }, reason: 'Tidak bersedia lagi' },
      });
      expect(withdrawn).toMatchObject({ status: 200, body: { activePurposes: [], withdrawals: [{ reason: 'Tidak bersedia lagi' }] } });
      const again = await api.call('GET', `/residents/${residentId}/consents/${consent.body.consentId}`, { token: budi });
      expect(again).toMatchObject({ status: 200, body: { activePurposes: [] } });

      const caseId = await openCase(residentId, { needCategory: 'EMPLOYMENT' });
      const closed = await api.call('POST', `/cases/${caseId}/withdrawal`, { token: budi, body: { reason: 'Sudah bekerja' } });
      expect(closed).toMatchObject({ status: 200, body: { status: 'WITHDRAWN', withdrawalReason: 'Sudah bekerja' } });
      const twice = await api.call('POST', `/cases/${caseId}/withdrawal`, { token: budi, body: { reason: 'Lagi' } });
      expect(twice).toMatchObject({ status: 409, body: { code: 'CaseAlreadyWithdrawn' } });
    });
  });

  describe('bad input: a 4xx naming the field, and nothing appended', () => {
    let residentId: string;
    let childId: string;
    let caseWithoutConsent: string;

    beforeAll(async () => {
      residentId = await registered(loneResident(201));
      childId = await registered(
        loneResident(202, {
          nik: nikOf('2016-01-05', 'PEREMPUAN', 202),
          birthDate: '2016-01-05',
          sex: 'PEREMPUAN',
          householdRelation: 'ANAK',
          householdMembers: [{ name: 'Ibu', relation: 'KEPALA_KELUARGA', birthDate: '1985-03-12', sex: 'PEREMPUAN' }],
        }),
      );
      caseWithoutConsent = await openCase(residentId, { needCategory: 'FOOD' });
      const assessed = await api.call('POST', `/cases/${caseWithoutConsent}/assessments`, {
        token: budi,
        body: assessment({ children: [] }),
      });
      expect(assessed.status).toBe(201);
    });

    interface BadInput {
      what: string;
      status: number;
      field: string;
      request: () => { method?: 'POST' | 'GET'; path: string; body?: unknown; rawBody?: string | Uint8Array; headers?: Record<string, string>; token?: string };
    }

    const badInputs: BadInput[] = [
      { what: 'a NIK that is not 16 digits', status: 400, field: 'nik', request: () => ({ path: '/residents', body: loneResident(301, { nik: '35750452038500' }) }) },
      { what: 'a NIK whose date part is no date', status: 422, field: 'nik', request: () => ({ path: '/residents', body: loneResident(302, { nik: '3575047102900302' }) }) },
      {
        what: 'a NIK whose date disagrees with the birth date',
        status: 422,
        field: 'nik',
        request: () => ({ path: '/residents', body: loneResident(303, { birthDate: '1990-07-22' }) }),
      },
      {
        what: 'a man with a woman’s NIK',
        status: 422,
        field: 'nik',
        request: () => ({ path: '/residents', body: loneResident(304, { nik: nikOf('1990-07-21', 'PEREMPUAN', 304) }) }),
      },
      {
        what: 'a kelurahan that is not one of the 34',
        status: 422,
        field: 'address.kelurahanCode',
        request: () => ({ path: '/residents', body: loneResident(305, { address: { street: 'Jl. A', rt: '001', rw: '001', kelurahanCode: '35.75.01.1008' } }) }),
      },
      {
        what: 'a malformed kelurahan code',
        status: 400,
        field: 'address.kelurahanCode',
        request: () => ({ path: '/residents', body: loneResident(306, { address: { street: 'Jl. A', rt: '001', rw: '001', kelurahanCode: 'Kandangsapi' } }) }),
      },
      { what: 'a number for a date', status: 400, field: 'birthDate', request: () => ({ path: '/residents', body: loneResident(307, { birthDate: 19900721 }) }) },
      { what: 'a string for a list', status: 400, field: 'householdMembers', request: () => ({ path: '/residents', body: loneResident(308, { householdMembers: 'none' }) }) },
      {
        what: 'an unknown relation in a member',
        status: 400,
        field: 'householdMembers[0].relation',
        request: () => ({
          path: '/residents',
          body: loneResident(309, { householdMembers: [{ name: 'X', relation: 'SEPUPU', birthDate: '2000-01-01', sex: 'LAKI_LAKI' }] }),
        }),
      },
      { what: 'an unknown field', status: 400, field: 'religion', request: () => ({ path: '/residents', body: loneResident(310, { religion: 'Islam' }) }) },
      {
        what: 'an unknown nested field',
        status: 400,
        field: 'address.postcode',
        request: () => ({ path: '/residents', body: loneResident(311, { address: { street: 'Jl. A', rt: '001', rw: '001', kelurahanCode: KANDANGSAPI, postcode: '67118' } }) }),
      },
      {
        what: 'a missing name',
        status: 400,
        field: 'name',
        request: () => {
          const { name: _name, ...body } = loneResident(312);
          return { path: '/residents', body };
        },
      },
      {
        what: 'a second head of the KK',
        status: 422,
        field: 'householdMembers[0].relation',
        request: () => ({
          path: '/residents',
          body: loneResident(313, { householdMembers: [{ name: 'Y', relation: 'KEPALA_KELUARGA', birthDate: '1960-01-01', sex: 'LAKI_LAKI' }] }),
        }),
      },
      { what: 'malformed JSON', status: 400, field: '', request: () => ({ path: '/residents', rawBody: '{"nik": "3575' }) },
      { what: 'a resident id that is no UUID', status: 400, field: 'residentId', request: () => ({ path: '/residents/abc/corrections', body: { corrections: { name: 'X' }, reason: 'r' } }) },
      {
        what: 'a child consenting for herself',
        status: 422,
        field: 'givenBy.relation',
        request: () => ({ path: `/residents/${childId}/consents`, body: { ...consentBySiti, givenBy: { name: 'Anak', relation: 'SELF' } } }),
      },
      {
        what: 'consent without who gave it',
        status: 422,
        field: 'givenBy',
        request: () => ({ path: `/residents/${residentId}/consents`, body: { legalBasis: 'CONSENT', purposes: ['CASE_HANDLING'], method: 'SIGNED_FORM' } }),
      },
      {
        what: 'an unknown purpose',
        status: 400,
        field: 'purposes',
        request: () => ({ path: `/residents/${residentId}/consents`, body: { ...consentBySiti, purposes: ['MARKETING'] } }),
      },
      {
        what: 'a case from a complaint channel without the complaint',
        status: 422,
        field: 'complaint',
        request: () => ({ path: '/cases', body: { ...educationCase(residentId), channel: 'COMPLAINT_CHANNEL' } }),
      },
      {
        what: 'a case for a resident not registered',
        status: 404,
        field: 'residentId',
        request: () => ({ path: '/cases', body: educationCase('0b0f4cbe-0f7e-4c3e-9d57-5a2a4ad0c1aa') }),
      },
      {
        what: 'a desil out of range',
        status: 400,
        field: 'desil',
        request: () => ({ path: `/cases/${caseWithoutConsent}/assessments`, body: assessment({ desil: 11 }) }),
      },
      {
        what: 'a desil for a household not in DTSEN',
        status: 422,
        field: 'desil',
        request: () => ({ path: `/cases/${caseWithoutConsent}/assessments`, body: assessment({ dtsenStatus: 'NOT_IN_DTSEN', desil: 2 }) }),
      },
      {
        what: 'a pupil typed with an age instead of taking it from the KK',
        status: 400,
        field: 'children[0].age',
        request: () => ({
          path: `/cases/${caseWithoutConsent}/assessments`,
          body: assessment({ children: [{ name: 'Anak', age: 8, enrolled: true, level: 'SD', grade: 3 }] }),
        }),
      },
      {
        what: 'a pupil named neither by NIK nor by name',
        status: 400,
        field: 'children[0].nik',
        request: () => ({ path: `/cases/${caseWithoutConsent}/assessments`, body: assessment({ children: [{ enrolled: true, level: 'SD', grade: 3 }] }) }),
      },
      {
        what: 'a pupil named both by NIK and by name',
        status: 400,
        field: 'children[0].name',
        request: () => ({
          path: `/cases/${caseWithoutConsent}/assessments`,
          body: assessment({ children: [{ nik: nikOf('2016-01-05', 'PEREMPUAN', 2), name: 'Nur Aini', enrolled: true, level: 'SD', grade: 4 }] }),
        }),
      },
      {
        what: 'a pupil named, but nobody without a NIK on the KK has that name',
        status: 422,
        field: 'children[0].name',
        request: () => ({ path: `/cases/${caseWithoutConsent}/assessments`, body: assessment({ children: [{ name: 'Bayi', enrolled: false }] }) }),
      },
      {
        what: 'elderly members sent, which intake derives from the KK',
        status: 400,
        field: 'elderlyMembers',
        request: () => ({ path: `/cases/${caseWithoutConsent}/assessments`, body: assessment({ children: [], elderlyMembers: [{ name: 'Mbah', age: 80 }] }) }),
      },
      {
        what: 'a pregnancy member NIK that is not 16 digits',
        status: 400,
        field: 'pregnantOrNursingMembers[0].nik',
        request: () => ({ path: `/cases/${caseWithoutConsent}/assessments`, body: assessment({ children: [], pregnantOrNursingMembers: [{ nik: '35750452' }] }) }),
      },
      {
        what: 'a pupil whose NIK is not on the resident’s KK (a man registered alone)',
        status: 422,
        field: 'children[0].nik',
        request: () => ({ path: `/cases/${caseWithoutConsent}/assessments`, body: assessment() }),
      },
      {
        what: 'a disabled member whose NIK is not on the KK',
        status: 422,
        field: 'disabledMembers[0].nik',
        request: () => ({
          path: `/cases/${caseWithoutConsent}/assessments`,
          body: assessment({ children: [], disabledMembers: [{ nik: nikOf('1945-01-10', 'LAKI_LAKI', 9), kind: 'PHYSICAL', severity: 'SEVERE' }] }),
        }),
      },
      {
        what: 'the pregnancy of a man',
        status: 422,
        field: 'pregnantOrNursingMembers[0].nik',
        request: () => ({ path: `/cases/${caseWithoutConsent}/assessments`, body: assessment({ children: [], pregnantOrNursingMembers: [{ nik: nikOf('1990-07-21', 'LAKI_LAKI', 201) }] }) }),
      },
      {
        what: 'the same member twice in one list',
        status: 422,
        field: 'disabledMembers[1].nik',
        request: () => {
          const himself = { nik: nikOf('1990-07-21', 'LAKI_LAKI', 201), kind: 'PHYSICAL', severity: 'MILD' };
          return { path: `/cases/${caseWithoutConsent}/assessments`, body: assessment({ children: [], disabledMembers: [himself, himself] }) };
        },
      },
      {
        what: 'an income given as text',
        status: 400,
        field: 'householdIncomePerMonth',
        request: () => ({ path: `/cases/${caseWithoutConsent}/assessments`, body: assessment({ householdIncomePerMonth: '1850000' }) }),
      },
      { what: 'a NUL character in a name', status: 400, field: 'name', request: () => ({ path: '/residents', body: loneResident(317, { name: 'Budi\u0000Santoso' }) }) },
      { what: 'a DEL character in a name', status: 400, field: 'name', request: () => ({ path: '/residents', body: loneResident(318, { name: 'Budi\u007FSantoso' }) }) },
      {
        what: 'a C1 control character in a street',
        status: 400,
        field: 'address.street',
        request: () => ({ path: '/residents', body: loneResident(319, { address: { street: 'Jl. A\u0085B', rt: '001', rw: '001', kelurahanCode: KANDANGSAPI } }) }),
      },
      {
        what: 'an escape sequence in a case description',
        status: 400,
        field: 'description',
        request: () => ({ path: '/cases', body: { ...educationCase(residentId), description: 'Butuh \u001b[31mbantuan' } }),
      },
      {
        what: 'an income of 1e308 rupiah',
        status: 400,
        field: 'householdIncomePerMonth',
        request: () => ({ path: `/cases/${caseWithoutConsent}/assessments`, body: assessment({ householdIncomePerMonth: 1e308 }) }),
      },
      {
        what: 'an income of 2^63 rupiah',
        status: 400,
        field: 'householdIncomePerMonth',
        request: () => ({ path: `/cases/${caseWithoutConsent}/assessments`, rawBody: JSON.stringify(assessment({ householdIncomePerMonth: 1 })).replace('"householdIncomePerMonth":1', '"householdIncomePerMonth":9223372036854775808') }),
      },
      {
        what: 'a negative income',
        status: 400,
        field: 'householdIncomePerMonth',
        request: () => ({ path: `/cases/${caseWithoutConsent}/assessments`, body: assessment({ householdIncomePerMonth: -1 }) }),
      },
      {
        what: 'a fractional income',
        status: 400,
        field: 'householdIncomePerMonth',
        request: () => ({ path: `/cases/${caseWithoutConsent}/assessments`, body: assessment({ householdIncomePerMonth: 1850000.5 }) }),
      },
      {
        what: 'a changed income above a billion rupiah',
        status: 400,
        field: 'changes.householdIncomePerMonth',
        request: () => ({
          path: `/residents/${residentId}/circumstance-changes`,
          body: { changes: { householdIncomePerMonth: 1_000_000_001 }, effectiveFrom: '2025-10-01', reason: 'r' },
        }),
      },
      { what: 'submission without consent', status: 422, field: 'consent', request: () => ({ path: `/cases/${caseWithoutConsent}/submission`, body: {} }) },
      {
        what: 'a stale If-Match',
        status: 409,
        field: 'If-Match',
        request: () => ({ path: `/residents/${residentId}/corrections`, body: { corrections: { name: 'Nama Baru' }, reason: 'r' }, headers: { 'If-Match': '"0"' } }),
      },
      {
        what: 'a malformed If-Match',
        status: 400,
        field: 'If-Match',
        request: () => ({ path: `/residents/${residentId}/corrections`, body: { corrections: { name: 'Nama Baru' }, reason: 'r' }, headers: { 'If-Match': 'version-3' } }),
      },
      {
        what: 'a malformed X-Correlation-Id',
        status: 400,
        field: 'X-Correlation-Id',
        request: () => ({ path: '/residents', body: loneResident(314), headers: { 'X-Correlation-Id': 'has spaces in it' } }),
      },
      {
        what: 'a caseworker recording as a supervisor',
        status: 403,
        field: 'staffRole',
        request: () => ({ path: '/residents', body: loneResident(315, { staffRole: 'DINSOS_SUPERVISOR' }) }),
      },
      {
        what: 'a correction that changes nothing',
        status: 422,
        field: 'corrections',
        request: () => ({ path: `/residents/${residentId}/corrections`, body: { corrections: { name: 'Warga 201' }, reason: 'r' } }),
      },
      // The host's limits, the same for every context (service-host), before any validation.
      { what: 'null for optional corrections.address', status: 400, field: 'corrections.address', request: () => ({ path: `/residents/${residentId}/corrections`, body: { corrections: { address: null }, reason: 'r' } }) },
      { what: 'null for householdMembers', status: 400, field: 'householdMembers', request: () => ({ path: '/residents', body: loneResident(330, { householdMembers: null }) }) },
      { what: 'null for the consent giver', status: 400, field: 'givenBy', request: () => ({ path: `/residents/${residentId}/consents`, body: { ...consentBySiti, givenBy: null } }) },
      { what: 'null for a case complaint', status: 400, field: 'complaint', request: () => ({ path: '/cases', body: { ...educationCase(residentId), complaint: null } }) },
      { what: 'null for an optional scalar', status: 400, field: 'corrections.name', request: () => ({ path: `/residents/${residentId}/corrections`, body: { corrections: { name: null }, reason: 'r' } }) },
      {
        what: 'JSON nested 2,000 levels deep',
        status: 400,
        field: '',
        request: () => ({ path: '/residents', rawBody: `{"name":${'['.repeat(2000)}${']'.repeat(2000)}}` }),
      },
      {
        what: 'a __proto__ key',
        status: 400,
        field: 'address.__proto__',
        request: () => ({ path: '/residents', rawBody: JSON.stringify(loneResident(331)).replace('"address":{', '"address":{"__proto__":{"admin":true},') }),
      },
      {
        what: 'invalid UTF-8 in a name',
        status: 400,
        field: '',
        request: () => ({
          path: '/residents',
          rawBody: Buffer.concat([Buffer.from(JSON.stringify(loneResident(332, { name: 'Sit#' })).split('#')[0]), Buffer.from([0xc3, 0x28]), Buffer.from(JSON.stringify(loneResident(332, { name: 'Sit#' })).split('#')[1])]),
        }),
      },
      {
        what: 'a body that is not JSON',
        status: 415,
        field: '',
        request: () => ({ path: '/residents', rawBody: JSON.stringify(loneResident(333)), headers: { 'content-type': 'text/plain' } }),
      },
    ];

    it.each(badInputs.map((input) => [input.what, input] as const))('%s', async (_what, input) => {
      const { method = 'POST', path: url, body, rawBody, headers, token = budi } = input.request();
      const before = await countEvents();
      const response = await api.call(method, url, { token, body, rawBody, headers });
      expect(response.status).toBe(input.status);
      if (input.field) {
        const errors = response.body.errors as { field: string; message: string }[];
        expect(errors.map((error) => error.field)).toContain(input.field);
        expect(response.body.detail).toContain(input.field);
      } else {
        expect(typeof response.body.detail).toBe('string');
      }
      expect(await countEvents()).toBe(before);
    });

    it('answers 413 to a body over 100kb, and appends nothing', async () => {
      const before = await countEvents();
      const response = await api.call('POST', '/residents', { token: budi, body: loneResident(316, { name: 'x'.repeat(120_000) }) });
      expect(response.status).toBe(413);
      expect(await countEvents()).toBe(before);
    });
  });

  describe('the kelurahan list', () => {
    it('lists the 34 kelurahan with their kecamatan, to anyone, signed in or not', async () => {
      const anonymous = await api.call('GET', '/kelurahan');
      expect(anonymous.status).toBe(200);
      const list = anonymous.body.kelurahan as { code: string; name: string; kecamatanCode: string; kecamatanName: string }[];
      expect(list).toHaveLength(34);
      expect(new Set(list.map((kelurahan) => kelurahan.code)).size).toBe(34);
      expect(list).toContainEqual({ code: KANDANGSAPI, name: 'Kandangsapi', kecamatanCode: '35.75.04', kecamatanName: 'Panggungrejo' });
      expect(list).toContainEqual({ code: KARANGKETUG, name: 'Karangketug', kecamatanCode: '35.75.01', kecamatanName: 'Gadingrejo' });
      expect((await api.call('GET', '/kelurahan', { token: agency })).body).toEqual(anonymous.body);
    });
  });

  describe('who may do what', () => {
    let sitiId: string;

    beforeAll(async () => {
      sitiId = await registered(loneResident(401));
    });

    it('answers 401 without a token, or with one it cannot trust', async () => {
      const before = await countEvents();
      expect((await api.call('POST', '/residents', { body: loneResident(402) })).status).toBe(401);
      expect((await api.call('GET', `/residents/${sitiId}`, { token: 'not-a-jwt' })).status).toBe(401);
      expect(await countEvents()).toBe(before);
    });

    it('lets auditors read and not write, and partner agencies do neither', async () => {
      expect((await api.call('GET', `/residents/${sitiId}`, { token: auditor })).status).toBe(200);
      const before = await countEvents();
      expect((await api.call('POST', '/residents', { token: auditor, body: loneResident(403) })).status).toBe(403);
      expect((await api.call('GET', `/residents/${sitiId}`, { token: agency })).status).toBe(403);
      expect(await countEvents()).toBe(before);
    });

    it('keeps a caseworker to the kelurahan in their token; a supervisor acts anywhere', async () => {
      const before = await countEvents();
      const elsewhere = await api.call('POST', '/residents', { token: wati, body: loneResident(404) });
      expect(elsewhere).toMatchObject({ status: 403, body: { code: 'OutsideKelurahan' } });
      expect((await api.call('GET', `/residents/${sitiId}`, { token: wati })).status).toBe(403);
      const correction = await api.call('POST', `/residents/${sitiId}/corrections`, {
        token: wati,
        body: { corrections: { name: 'Dari luar' }, reason: 'r' },
      });
      expect(correction.status).toBe(403);
      expect((await api.call('POST', '/cases', { token: wati, body: educationCase(sitiId) })).status).toBe(403);
      expect(await countEvents()).toBe(before);

      const inKarangketug = loneResident(405, { address: { street: 'Jl. B', rt: '002', rw: '001', kelurahanCode: KARANGKETUG } });
      expect((await api.call('POST', '/residents', { token: wati, body: inKarangketug })).status).toBe(201);
      expect((await api.call('POST', '/residents', { token: rina, body: loneResident(406) })).status).toBe(201);
    });
  });

  describe('one NIK, one resident', () => {
    it('registers exactly one resident when two requests race with the same NIK', async () => {
      for (let round = 0; round < 4; round++) {
        const nik = nikOf('1990-07-21', 'LAKI_LAKI', 500 + round);
        const body = loneResident(500 + round, { nik });
        const responses = await Promise.all([register(body), register(body, rina), register(body)]);
        const created = responses.filter((response) => response.status === 201);
        const refused = responses.filter((response) => response.status === 409);
        expect(created).toHaveLength(1);
        expect(refused).toHaveLength(2);
        const residentId = created[0].body.residentId as string;
        for (const response of refused) {
          expect(response.body).toMatchObject({
            existingResident: { residentId, url: `/residents/${residentId}` },
            errors: [expect.objectContaining({ field: 'nik' })],
          });
        }
        const registrations = (await allEvents()).filter(
          (event) => event.type === 'ResidentRegistered' && (event.data as { nik: string }).nik === nik,
        );
        expect(registrations).toHaveLength(1);
      }
    });

    it('refuses a NIK registered before, pointing at the resident who holds it', async () => {
      const residentId = await registered(loneResident(510));
      const again = await register(loneResident(510, { name: 'Orang Lain' }));
      expect(again).toMatchObject({
        status: 409,
        body: { code: 'NikAlreadyRegistered', existingResident: { residentId, url: `/residents/${residentId}` } },
      });
    });

    it('tells a caseworker of another kelurahan only that the NIK is taken, not whose it is or where', async () => {
      const residentId = await registered(loneResident(511));
      const elsewhere = { street: 'Jl. Panglima Sudirman 2', rt: '002', rw: '001', kelurahanCode: KARANGKETUG };
      const refused = await register(loneResident(511, { name: 'Orang Lain', address: elsewhere }), wati);
      expect(refused).toMatchObject({ status: 409, body: { code: 'NikAlreadyRegistered', errors: [expect.objectContaining({ field: 'nik' })] } });
      expect(refused.body).not.toHaveProperty('existingResident');
      const told = JSON.stringify(refused.body);
      expect(told).not.toContain(residentId);
      expect(told).not.toContain(KANDANGSAPI);
      expect(told).not.toMatch(/kandangsapi/i);

      const bySupervisor = await register(loneResident(511, { name: 'Orang Lain' }), rina);
      expect(bySupervisor).toMatchObject({ status: 409, body: { existingResident: { residentId } } });
      expect(bySupervisor.body.detail).not.toContain(residentId);
    });

    it('moves the NIK with a correction: the old one becomes free, the new one is taken', async () => {
      const first = await registered(loneResident(520));
      const other = await registered(loneResident(521));
      const wrongNik = nikOf('1990-07-21', 'LAKI_LAKI', 520);
      const rightNik = nikOf('1990-07-21', 'LAKI_LAKI', 522);

      const taken = await api.call('POST', `/residents/${first}/corrections`, {
        token: budi,
        body: { corrections: { nik: nikOf('1990-07-21', 'LAKI_LAKI', 521) }, reason: 'KTP dibaca ulang' },
      });
      expect(taken).toMatchObject({ status: 409, body: { code: 'NikAlreadyRegistered', existingResident: { residentId: other } } });

      const corrected = await api.call('POST', `/residents/${first}/corrections`, {
        token: budi,
        body: { corrections: { nik: rightNik }, reason: 'KTP dibaca ulang' },
      });
      expect(corrected).toMatchObject({ status: 200, body: { nik: rightNik } });
      expect((await register(loneResident(522))).status).toBe(409);
      expect((await register(loneResident(520, { name: 'Pemilik NIK sebenarnya' }))).status).toBe(201);
      expect(wrongNik).not.toBe(rightNik);
    });
  });

  describe('optimistic concurrency with ETag and If-Match', () => {
    it('applies a command on the version the client saw, and refuses a stale one with 409', async () => {
      const residentId = await registered(loneResident(601));
      const read = await api.call('GET', `/residents/${residentId}`, { token: budi });
      const etag = read.headers.get('etag') as string;
      expect(etag).toBe('"0"');

      const first = await api.call('POST', `/residents/${residentId}/corrections`, {
        token: budi,
        body: { corrections: { name: 'Nama Pertama' }, reason: 'r' },
        headers: { 'If-Match': etag },
      });
      expect(first.status).toBe(200);
      expect(first.headers.get('etag')).toBe('"1"');

      const before = await countEvents();
      const stale = await api.call('POST', `/residents/${residentId}/corrections`, {
        token: budi,
        body: { corrections: { name: 'Nama Kedua' }, reason: 'r' },
        headers: { 'If-Match': etag },
      });
      expect(stale).toMatchObject({ status: 409, body: { code: 'VersionConflict', currentVersion: 1 } });
      expect(stale.headers.get('etag')).toBe('"1"');
      expect(await countEvents()).toBe(before);

      const withoutPrecondition = await api.call('POST', `/residents/${residentId}/corrections`, {
        token: budi,
        body: { corrections: { name: 'Nama Kedua' }, reason: 'r' },
      });
      expect(withoutPrecondition.status).toBe(200);
      expect(withoutPrecondition.headers.get('etag')).toBe('"2"');
    });

    it('lets concurrent commands without If-Match all land, each on fresh state', async () => {
      const residentId = await registered(loneResident(602));
      const responses = await Promise.all(
        ['EDUCATION', 'HEALTH', 'FOOD'].map((needCategory) =>
          api.call('POST', '/cases', { token: budi, body: { ...educationCase(residentId), needCategory } }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual([201, 201, 201]);
      const read = await api.call('GET', `/residents/${residentId}`, { token: budi });
      expect((read.body.cases as unknown[]).length).toBe(3);
    });
  });

  it('publishes an OpenAPI document for every route', () => {
    const document = SwaggerModule.createDocument(api.app, new DocumentBuilder().addBearerAuth().build());
    expect(Object.keys(document.paths).sort()).toEqual([
      '/cases',
      '/cases/{caseId}',
      '/cases/{caseId}/assessments',
      '/cases/{caseId}/home-visits',
      '/cases/{caseId}/submission',
      '/cases/{caseId}/withdrawal',
      '/kelurahan',
      '/residents',
      '/residents/{residentId}',
      '/residents/{residentId}/circumstance-changes',
      '/residents/{residentId}/consents',
      '/residents/{residentId}/consents/{consentId}',
      '/residents/{residentId}/consents/{consentId}/withdrawal',
      '/residents/{residentId}/corrections',
    ]);
    const schemas = document.components?.schemas as Record<string, { properties: Record<string, unknown> }>;
    expect(schemas.RegisterResidentDto.properties.address).toEqual({ $ref: '#/components/schemas/AddressDto' });
    expect(schemas.RecordAssessmentDto.properties.children).toMatchObject({ items: { $ref: '#/components/schemas/SchoolChildDto' } });
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['AddressDto', 'HouseholdMemberDto', 'SchoolChildDto', 'ConsentGiverDto']));
    // The kelurahan list is public: no bearer token, so no 401 or 403 to document.
    const kelurahan = document.paths['/kelurahan'].get;
    expect(kelurahan?.security ?? []).toEqual([]);
    expect(Object.keys(kelurahan?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '429']));
    expect(Object.keys(kelurahan?.responses ?? {})).not.toContain('401');
  });
});
