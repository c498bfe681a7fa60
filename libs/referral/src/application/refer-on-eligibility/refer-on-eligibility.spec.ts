import type { ReferralCreatedV1Data } from '@lastri/contracts';
import { newId } from '@lastri/kernel';

import { ReferralWorld } from '../../testing/referral-world';
import { EligibilityEventNotInStore } from '../support/eligibility-record';

const types = (events: { type: string }[]) => events.map((event) => event.type);

describe('ReferOnEligibility', () => {
  let world: ReferralWorld;
  const residentId = newId();

  beforeEach(async () => {
    world = await ReferralWorld.inMemory();
  });
  afterEach(() => world.close());

  it('refuses to act on a determination its store does not hold (another deployment\'s message): nothing referred', async () => {
    const elsewhere = await ReferralWorld.inMemory();
    try {
      const determined = await elsewhere.determine(residentId, [['PIP', 'ELIGIBLE']]);
      await expect(world.refer.determined(determined)).rejects.toThrow(EligibilityEventNotInStore);
      expect(await world.referralEvents(residentId)).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('refers each eligible programme to the agency the routing table names, due in working days', async () => {
    const determined = await world.determine(residentId, [
      ['PIP', 'ELIGIBLE'],
      ['PKH', 'ELIGIBLE'],
      ['KERJA', 'NOT_ELIGIBLE'],
      ['ATENSI', 'NEEDS_REVIEW'],
    ]);

    await world.refer.determined(determined);

    const events = await world.referralEvents(residentId);
    expect(types(events)).toEqual(['ReferralCreated', 'ReferralSent', 'ReferralCreated', 'ReferralSent']);
    const created = events.filter((event) => event.type === 'ReferralCreated').map((event) => event.data as ReferralCreatedV1Data);
    expect(created.map((data) => [data.programme, data.agencyId])).toEqual([
      ['PIP', 'dinas-pendidikan'],
      ['PKH', 'kemensos-upt'],
    ]);
    // Created on Friday 14 November 2025: acknowledge by the end of Tuesday, decide by the end of Friday 21st.
    expect(created[0]).toMatchObject({
      caseId: determined.data.caseId,
      residentId,
      kelurahanCode: '35.75.04.1011',
      determinationId: determined.data.determinationId,
      cause: { kind: 'ELIGIBILITY_DETERMINED', eventId: determined.id },
      routingTableVersion: '2025.1',
      acknowledgeDueAt: '2025-11-18T17:00:00.000Z',
      decideDueAt: '2025-11-21T17:00:00.000Z',
    });
  });

  it('creates one referral when the same determination is delivered twice', async () => {
    const determined = await world.determine(residentId, [['PIP', 'ELIGIBLE']]);

    await world.refer.determined(determined);
    const again = await world.refer.determined(determined);

    expect(again).toEqual([]);
    expect(types(await world.referralEvents(residentId))).toEqual(['ReferralCreated', 'ReferralSent']);
  });

  it('creates nothing new when a fresh process replays the whole log, later steps included', async () => {
    const determined = await world.determine(residentId, [['PIP', 'ELIGIBLE']]);
    await world.refer.determined(determined);
    const [created] = await world.referralEvents(residentId);
    const referralId = (created.data as ReferralCreatedV1Data).referralId;
    await world.steps.byAgency(referralId, 'dinas-pendidikan', { step: 'Accept' }, { actor: 'agency:dinas-pendidikan:petugas-1' });
    const overridden = await world.override(residentId, determined.data.caseId, determined.data.determinationId, 'PKH', true);
    await world.refer.overridden(overridden);
    const before = await world.referralEvents(residentId);

    const fresh = world.replica();
    await fresh.refer.determined(determined);
    await fresh.refer.overridden(overridden);

    expect(await world.referralEvents(residentId)).toEqual(before);
  });

  it('a later determination that makes a programme not eligible cancels its open referral; an override can refer it again', async () => {
    const caseId = newId();
    await world.refer.determined(await world.determine(residentId, [['PIP', 'ELIGIBLE']], { caseId }));
    const redetermined = await world.determine(residentId, [['PIP', 'NOT_ELIGIBLE']], { caseId });

    await world.refer.determined(redetermined);
    expect(types(await world.referralEvents(residentId)).at(-1)).toBe('ReferralCancelled');
    expect((await world.queries.ofResident(SUPERVISOR, residentId)).map((view) => view.status)).toEqual(['CANCELLED']);

    await world.refer.overridden(await world.override(residentId, caseId, redetermined.data.determinationId, 'PIP', true));
    expect((await world.queries.ofResident(SUPERVISOR, residentId)).map((view) => view.status)).toEqual(['CANCELLED', 'SENT']);
  });

  it('leaves an override standing while re-evaluations reach the same rule outcome, and follows the rules once it changes', async () => {
    const caseId = newId();
    const first = await world.determine(residentId, [['PELATIHAN', 'NOT_ELIGIBLE'], ['PIP', 'ELIGIBLE']], { caseId });
    await world.refer.determined(first);
    await world.refer.overridden(await world.override(residentId, caseId, first.data.determinationId, 'PELATIHAN', true));
    await world.refer.overridden(await world.override(residentId, caseId, first.data.determinationId, 'PIP', false));
    const statuses = async () => (await world.queries.ofResident(SUPERVISOR, residentId)).map((view) => [view.programme, view.status]);
    expect(await statuses()).toEqual([['PIP', 'CANCELLED'], ['PELATIHAN', 'SENT']]);

    const unchanged = { caseId, trigger: 'CIRCUMSTANCES_CHANGED' } as const;
    await world.refer.determined(await world.determine(residentId, [['PELATIHAN', 'NOT_ELIGIBLE'], ['PIP', 'ELIGIBLE']], unchanged));
    expect(await statuses()).toEqual([['PIP', 'CANCELLED'], ['PELATIHAN', 'SENT']]);

    await world.refer.determined(await world.determine(residentId, [['PELATIHAN', 'NEEDS_REVIEW'], ['PIP', 'NOT_ELIGIBLE']], unchanged));
    await world.refer.determined(await world.determine(residentId, [['PELATIHAN', 'NOT_ELIGIBLE'], ['PIP', 'ELIGIBLE']], unchanged));
    expect(await statuses()).toEqual([['PIP', 'CANCELLED'], ['PELATIHAN', 'CANCELLED'], ['PIP', 'SENT']]);
  });

  it('refers what a manual review approves, and cancels what a rejected review was about', async () => {
    const caseId = newId();
    await world.refer.determined(await world.determine(residentId, [['ATENSI', 'NEEDS_REVIEW'], ['PKH', 'ELIGIBLE']], { caseId }));
    await world.refer.determined(await world.determine(residentId, [['ATENSI', 'NEEDS_REVIEW'], ['PKH', 'NEEDS_REVIEW']], { caseId, trigger: 'CIRCUMSTANCES_CHANGED' }));
    const statuses = async () => (await world.queries.ofResident(SUPERVISOR, residentId)).map((view) => [view.programme, view.status]);
    expect(await statuses()).toEqual([['PKH', 'SENT']]);

    const approved = await world.reviewDecided(residentId, caseId, { programmes: ['ATENSI'], decision: 'APPROVED', decided: [{ programme: 'ATENSI', eligible: true }] });
    await world.refer.reviewDecided(approved);
    await world.refer.reviewDecided(approved);
    await world.refer.reviewDecided(await world.reviewDecided(residentId, caseId, { programmes: ['PKH'], decision: 'REJECTED' }));

    expect(await statuses()).toEqual([['PKH', 'CANCELLED'], ['ATENSI', 'SENT']]);
    const atensi = (await world.queries.ofResident(SUPERVISOR, residentId)).find((view) => view.programme === 'ATENSI');
    expect(atensi).toMatchObject({ agencyId: 'kemensos-upt', cause: { kind: 'MANUAL_REVIEW_APPROVED', eventId: approved.id } });
  });

  it('refers nothing for a case withdrawn before its determination reached referral', async () => {
    const determined = await world.determine(residentId, [['PIP', 'ELIGIBLE']]);
    await world.withdrawCase(residentId, determined.data.caseId);

    expect(await world.refer.determined(determined)).toEqual([]);
    expect(await world.referralEvents(residentId)).toEqual([]);
  });

  it('a withdrawn case cancels its open referrals, once', async () => {
    const determined = await world.determine(residentId, [['PIP', 'ELIGIBLE'], ['PBI_JK', 'ELIGIBLE']]);
    await world.refer.determined(determined);
    const withdrawn = await world.withdrawCase(residentId, determined.data.caseId);

    await world.cancelOnWithdrawal.handle(withdrawn);
    await world.cancelOnWithdrawal.handle(withdrawn);

    const views = await world.queries.ofResident(SUPERVISOR, residentId);
    expect(views.map((view) => [view.status, view.fhir.status])).toEqual([
      ['CANCELLED', 'cancelled'],
      ['CANCELLED', 'cancelled'],
    ]);
    expect(types(await world.referralEvents(residentId)).filter((type) => type === 'ReferralCancelled')).toHaveLength(2);
  });
});

const SUPERVISOR = { sub: 'supervisor-dinsos-01', name: 'Supervisor', roles: ['supervisor' as const], kelurahan: [] };
