/**
 * The eligibility module through HTTP and the embedded event transport, on a real (SQLite) store:
 * what a supervisor, an auditor and intake's events see.
 */
import { newId } from '@lastri/kernel';
import { deadLetterStream, type EventDeadLetteredData } from '@lastri/messaging';

import { EligibilityWorld } from '../testing/eligibility-world';
import { eventually, startEligibilityApi, tokens, type EligibilityApi } from '../testing/eligibility-api.harness';

describe('eligibility API', () => {
  let world: EligibilityWorld;
  let api: EligibilityApi;
  let supervisor: string;
  let auditor: string;

  beforeAll(async () => {
    world = await EligibilityWorld.inMemory();
    world.clock.set('2025-11-20T03:00:00Z');
    api = await startEligibilityApi(world.store, { clock: world.clock });
    [supervisor, auditor] = await Promise.all([tokens.supervisor(), tokens.auditor()]);
  });
  afterAll(async () => {
    await api.close();
    await world.close();
  });

  async function determinedCase(residentId: string, options: Parameters<EligibilityWorld['submitCase']>[1] = {}) {
    const submitted = await world.submitCase(residentId, options);
    const view = await eventually(`case ${submitted.data.caseId} is determined`, async () => {
      const response = await api.call('GET', `/determinations/cases/${submitted.data.caseId}`, { token: supervisor });
      return response.status === 200 ? response.body : undefined;
    });
    return { submitted, view };
  }

  it('determines a case submitted through intake, and shows it per case, per resident and by id', async () => {
    const residentId = newId();
    const { submitted, view } = await determinedCase(residentId);
    expect(view).toMatchObject({ residentId, caseId: submitted.data.caseId, determinations: [{ trigger: { kind: 'CASE_SUBMITTED' } }] });
    expect(view.programmes.find((entry: { programme: string }) => entry.programme === 'SEMBAKO')).toMatchObject({
      status: 'ELIGIBLE',
      decidedBy: 'RULES',
      ruleSet: { id: 'sembako', version: '1' },
    });

    const resident = await api.call('GET', `/determinations/residents/${residentId}`, { token: auditor });
    expect(resident.status).toBe(200);
    expect(resident.body.cases.map((entry: { caseId: string }) => entry.caseId)).toEqual([submitted.data.caseId]);
    const one = await api.call('GET', `/determinations/${view.currentDeterminationId}`, { token: auditor });
    expect(one.body).toMatchObject({ residentId, determination: { determinationId: view.currentDeterminationId } });
  });

  it('re-evaluates when intake records a change of circumstances', async () => {
    const residentId = newId();
    const { submitted } = await determinedCase(residentId);
    await world.changeCircumstances(residentId, { employmentStatus: 'UNEMPLOYED', householdIncomePerMonth: 900_000 });
    const view = await eventually('the change is determined', async () => {
      const response = await api.call('GET', `/determinations/cases/${submitted.data.caseId}`, { token: supervisor });
      return response.body.determinations.length === 2 ? response.body : undefined;
    });
    expect(view.programmes.find((entry: { programme: string }) => entry.programme === 'PELATIHAN').status).toBe('ELIGIBLE');
  });

  it('dead-letters at once a case no rule set covers, appending nothing for it', async () => {
    const residentId = newId();
    const submitted = await world.submitCase(residentId, { submittedAt: '2023-12-20T10:00:00+07:00' });
    const deadLetter = await eventually('the case is dead-lettered', async () => {
      const letters = await world.store.readStream(deadLetterStream('eligibility'));
      return letters.map((letter) => letter.data as EventDeadLetteredData).find((letter) => letter.original.eventId === submitted.id);
    });
    expect(deadLetter).toMatchObject({ attempts: 1, handler: 'IntakeEventsConsumer.onIntakeEvent', error: { message: expect.stringContaining('2023-12-20') } });
    expect(await world.eligibilityEvents(residentId)).toEqual([]);
  });

  it('lets a supervisor decide a manual review from the queue, once', async () => {
    const residentId = newId();
    const { view } = await determinedCase(residentId, { assessment: { desil: null } });
    const queue = await api.call('GET', '/manual-reviews', { token: supervisor });
    const review = queue.body.find((entry: { caseId: string }) => entry.caseId === view.caseId);
    expect(review).toMatchObject({ programmes: ['SEMBAKO', 'SEMBAKO_DAERAH', 'PBI_JK'], reasons: [{ code: 'DESIL_UNKNOWN' }] });

    const decided = await api.call('POST', `/manual-reviews/${review.reviewId}/decision`, {
      token: supervisor,
      body: { decision: 'REJECTED', reason: 'Ground check: desil di atas 5.' },
    });
    expect(decided.status).toBe(201);
    expect(decided.body.decision).toMatchObject({ decision: 'REJECTED', decidedBy: { userId: 'supervisor-dinsos-01', role: 'DINSOS_SUPERVISOR' } });
    const again = await api.call('POST', `/manual-reviews/${review.reviewId}/decision`, { token: supervisor, body: { decision: 'REJECTED', reason: 'Lagi.' } });
    expect(again).toMatchObject({ status: 409, body: { code: 'ReviewAlreadyDecided' } });
  });

  it('records an override with its reason, refuses one that changes nothing, and lets an auditor re-run the determination', async () => {
    const residentId = newId();
    const { view } = await determinedCase(residentId);
    const admin = await tokens.admin();
    const path = `/determinations/${view.currentDeterminationId}/overrides`;
    const overridden = await api.call('POST', path, { token: admin, body: { programme: 'KERJA', eligible: true, reason: 'Baru di-PHK; surat keterangan dari perusahaan.' } });
    expect(overridden.status).toBe(201);
    expect(overridden.body.override).toMatchObject({ programme: 'KERJA', eligible: true, overriddenBy: { userId: 'kepala-dinas', role: 'HEAD_OF_OFFICE' } });
    expect(await api.call('POST', path, { token: admin, body: { programme: 'KERJA', eligible: true, reason: 'Lagi.' } })).toMatchObject({
      status: 409,
      body: { code: 'OverrideChangesNothing' },
    });

    const rerun = await api.call('GET', `/determinations/${view.currentDeterminationId}/rerun`, { token: auditor });
    expect(rerun).toMatchObject({ status: 200, body: { identical: true, differences: [], sources: { matches: true } } });
  });

  describe('refuses bad input with a 4xx that names the field, and appends nothing', () => {
    let residentId: string;
    let determinationId: string;
    beforeAll(async () => {
      residentId = newId();
      determinationId = (await determinedCase(residentId)).view.currentDeterminationId;
    });

    it.each([
      ['no reason', { programme: 'KERJA', eligible: true }, 'reason'],
      ['a blank reason', { programme: 'KERJA', eligible: true, reason: '   ' }, 'reason'],
      ['an unknown programme', { programme: 'BLT', eligible: true, reason: 'Alasan.' }, 'programme'],
      ['eligible as text', { programme: 'KERJA', eligible: 'ya', reason: 'Alasan.' }, 'eligible'],
      ['an unknown field', { programme: 'KERJA', eligible: true, reason: 'Alasan.', approvedBy: 'x' }, 'approvedBy'],
    ])('an override with %s → 400 naming %s', async (_what, body, field) => {
      const response = await api.call('POST', `/determinations/${determinationId}/overrides`, { token: supervisor, body });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((entry: { field: string }) => entry.field)).toContain(field);
      expect(response.body.detail).toContain(field);
      expect(await world.eligibilityEvents(residentId)).toHaveLength(1);
    });

    it.each([
      ['an approval without programmes', { decision: 'APPROVED', reason: 'Alasan.' }, 'programmes'],
      ['a programme decision without eligible', { decision: 'APPROVED', programmes: [{ programme: 'SEMBAKO' }], reason: 'Alasan.' }, 'programmes[0].eligible'],
      ['an unknown decision', { decision: 'MAYBE', reason: 'Alasan.' }, 'decision'],
    ])('a review decision with %s → 400 naming %s', async (_what, body, field) => {
      const response = await api.call('POST', `/manual-reviews/${newId()}/decision`, { token: supervisor, body });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((entry: { field: string }) => entry.field)).toContain(field);
    });

    const override = JSON.stringify({ programme: 'KERJA', eligible: true, reason: 'Alasan.' });
    it.each([
      ['null for the reason', JSON.stringify({ programme: 'KERJA', eligible: true, reason: null }), {}, 400, 'reason'],
      ['JSON nested 2,000 levels deep', `{"reason":${'['.repeat(2000)}${']'.repeat(2000)}}`, {}, 400, ''],
      ['a __proto__ key', override.replace('{', '{"__proto__":{"admin":true},'), {}, 400, '__proto__'],
      ['invalid UTF-8', Buffer.concat([Buffer.from(override.slice(0, -3)), Buffer.from([0xff]), Buffer.from('"}')]), {}, 400, ''],
      ['a body that is not JSON', override, { 'content-type': 'text/plain' }, 415, ''],
      ['a malformed X-Correlation-Id', override, { 'x-correlation-id': 'has spaces in it' }, 400, 'X-Correlation-Id'],
    ])('an override with %s → %s before validation', async (_what, rawBody, headers, status, field) => {
      const response = await api.call('POST', `/determinations/${determinationId}/overrides`, { token: supervisor, rawBody, headers });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      if (field) expect(response.body.errors.map((entry: { field: string }) => entry.field)).toContain(field);
      expect(await world.eligibilityEvents(residentId)).toHaveLength(1);
    });

    it('answers with no-store and security headers', async () => {
      const response = await api.call('GET', `/determinations/${determinationId}`, { token: supervisor });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('a malformed id → 400 naming the parameter; an unknown one → 404', async () => {
      const malformed = await api.call('POST', '/determinations/not-a-uuid/overrides', { token: supervisor, body: { programme: 'KERJA', eligible: true, reason: 'Alasan.' } });
      expect(malformed).toMatchObject({ status: 400, body: { errors: [{ field: 'determinationId' }] } });
      const unknown = await api.call('POST', `/determinations/${newId()}/overrides`, { token: supervisor, body: { programme: 'KERJA', eligible: true, reason: 'Alasan.' } });
      expect(unknown).toMatchObject({ status: 404, body: { code: 'DeterminationNotFound' } });
    });

    it('a republication for a date that is not a date → 400, for a future date → 422', async () => {
      const admin = await tokens.admin();
      expect(await api.call('POST', '/rule-sets/republications', { token: admin, body: { asOf: '2025-13-01' } })).toMatchObject({
        status: 400,
        body: { errors: [{ field: 'asOf' }] },
      });
      expect(await api.call('POST', '/rule-sets/republications', { token: admin, body: { asOf: '2030-01-01' } })).toMatchObject({
        status: 422,
        body: { code: 'RepublicationDateInFuture' },
      });
    });
  });

  it('lets a caseworker read the eligibility of a case in their kelurahan, and of no other', async () => {
    const caseworker = await tokens.caseworker();
    const { view: ownKelurahan } = await determinedCase(newId(), { kelurahanCode: '35.75.04.1011' });
    const own = await api.call('GET', `/determinations/cases/${ownKelurahan.caseId}`, { token: caseworker });
    expect(own).toMatchObject({ status: 200, body: { caseId: ownKelurahan.caseId, currentDeterminationId: ownKelurahan.currentDeterminationId } });

    const { view: elsewhere } = await determinedCase(newId(), { kelurahanCode: '35.75.01.1001' });
    const refused = await api.call('GET', `/determinations/cases/${elsewhere.caseId}`, { token: caseworker });
    expect(refused).toMatchObject({ status: 403, body: { code: 'OutsideKelurahan' } });
    expect(JSON.stringify(refused.body)).not.toContain(elsewhere.currentDeterminationId);
  });

  it('lets only supervisors and admins decide, auditors and supervisors read, and nobody without a token', async () => {
    const caseworker = await tokens.caseworker();
    const anyId = newId();
    expect((await api.call('GET', `/determinations/cases/${anyId}`)).status).toBe(401);
    expect((await api.call('GET', `/determinations/cases/${anyId}`, { token: caseworker })).status).toBe(404);
    expect((await api.call('GET', `/determinations/residents/${anyId}`, { token: caseworker })).status).toBe(403);
    expect((await api.call('GET', `/determinations/cases/${anyId}`, { token: auditor })).status).toBe(404);
    const body = { programme: 'KERJA', eligible: true, reason: 'Alasan.' };
    expect((await api.call('POST', `/determinations/${anyId}/overrides`, { token: auditor, body })).status).toBe(403);
    expect((await api.call('POST', '/rule-sets/republications', { token: auditor, body: {} })).status).toBe(403);
  });

  it('publishes the rule sets with their hashes and republishes on request', async () => {
    const list = await api.call('GET', '/rule-sets', { token: auditor });
    expect(list.body).toHaveLength(8);
    expect(list.body[0]).toMatchObject({ id: 'pkh', version: '1', inForceToday: true, contentHash: expect.stringMatching(/^sha256:/) });
    const pkh = await api.call('GET', '/rule-sets/pkh/versions/1', { token: auditor });
    expect(pkh.body.ruleSet.parameters.elderlyMinimumAge).toMatchObject({ value: 70, uncertain: expect.any(String) });
    expect((await api.call('GET', '/rule-sets/pkh/versions/9', { token: auditor })).status).toBe(404);

    const report = await api.call('POST', '/rule-sets/republications', { token: supervisor, body: {} });
    expect(report).toMatchObject({ status: 200, body: { asOf: '2025-11-20', reevaluated: 0, changed: [] } });
  });
});
