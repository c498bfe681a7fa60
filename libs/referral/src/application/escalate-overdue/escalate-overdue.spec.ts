import type { ReferralCreatedV1Data, ReferralEscalatedV1Data } from '@lastri/contracts';
import { newId } from '@lastri/kernel';

import { ReferralWorld } from '../../testing/referral-world';

/** Tuesday 23 December 2025, 09:00 WIB: Christmas (25th), cuti bersama (26th) and a weekend follow. */
const BEFORE_CHRISTMAS = '2025-12-23T02:00:00.000Z';
/** The second working day after the 23rd is Monday 29 December (24th, then 29th): over at 00:00 WIB on the 30th. */
const ACK_DUE = '2025-12-29T17:00:00.000Z';
/** The fifth: 24, 29, 30, 31 December, then Friday 2 January (1 January is a holiday). */
const DECIDE_DUE = '2026-01-02T17:00:00.000Z';

describe('EscalateOverdue', () => {
  let world: ReferralWorld;
  let residentId: string;
  let referralId: string;

  beforeEach(async () => {
    world = await ReferralWorld.inMemory();
    world.clock.set(BEFORE_CHRISTMAS);
    residentId = newId();
    await world.refer.determined(await world.determine(residentId, [['PIP', 'ELIGIBLE']]));
    const created = (await world.referralEvents(residentId))[0].data as ReferralCreatedV1Data;
    referralId = created.referralId;
    expect([created.acknowledgeDueAt, created.decideDueAt]).toEqual([ACK_DUE, DECIDE_DUE]);
  });
  afterEach(() => world.close());

  const escalations = async () =>
    (await world.referralEvents(residentId)).filter((event) => event.type === 'ReferralEscalated').map((event) => event.data as ReferralEscalatedV1Data);

  it('waits over the holiday and the weekend, then escalates the missed acknowledgement exactly once', async () => {
    // Two calendar days later would be Christmas: no working days have passed yet.
    world.clock.set('2025-12-26T03:00:00.000Z');
    expect(await world.escalate.check()).toEqual([]);
    world.clock.set('2025-12-29T16:59:59.000Z');
    expect(await world.escalate.check()).toEqual([]);

    world.clock.set('2025-12-29T17:00:00.000Z');
    expect((await world.escalate.check()).map((event) => event.type)).toEqual(['ReferralEscalated']);
    world.clock.set('2025-12-30T03:00:00.000Z');
    expect(await world.escalate.check()).toEqual([]);

    expect(await escalations()).toEqual([
      { referralId, agencyId: 'dinas-pendidikan', deadline: 'ACKNOWLEDGE', dueAt: ACK_DUE, escalatedAt: '2025-12-29T17:00:00.000Z', escalatedTo: 'DINSOS_SUPERVISOR' },
    ]);
    expect((await world.queries.escalations()).map((entry) => [entry.referralId, entry.deadline])).toEqual([[referralId, 'ACKNOWLEDGE']]);
  });

  it('escalates the decision deadline on its own day, and none once the agency has decided', async () => {
    world.clock.set('2025-12-30T03:00:00.000Z');
    await world.steps.byAgency(referralId, 'dinas-pendidikan', { step: 'Acknowledge' }, { actor: 'agency:dinas-pendidikan:petugas-1' });
    expect((await world.queries.escalations()).map((entry) => entry.deadline)).toEqual([]);

    // Acknowledged late, but before any check saw it missing: only the decision is escalated.
    world.clock.set(DECIDE_DUE);
    await world.escalate.check();
    expect((await escalations()).map((data) => data.deadline)).toEqual(['DECIDE']);
    expect((await world.queries.escalations()).map((entry) => entry.deadline)).toEqual(['DECIDE']);

    await world.steps.byAgency(referralId, 'dinas-pendidikan', { step: 'Accept' }, { actor: 'agency:dinas-pendidikan:petugas-1' });
    expect(await world.queries.escalations()).toEqual([]);
  });

  it('after a restart neither loses nor repeats an escalation', async () => {
    world.clock.set(ACK_DUE);
    await world.escalate.check();

    const restarted = world.replica();
    world.clock.set('2025-12-31T03:00:00.000Z');
    expect(await restarted.escalate.check()).toEqual([]);
    world.clock.set(DECIDE_DUE);
    expect((await restarted.escalate.check()).map((event) => (event.data as ReferralEscalatedV1Data).deadline)).toEqual(['DECIDE']);

    expect((await escalations()).map((data) => data.deadline)).toEqual(['ACKNOWLEDGE', 'DECIDE']);
  });

  it('a deadline missed while no scheduler ran is escalated when one starts', async () => {
    world.clock.set('2026-01-05T02:00:00.000Z');
    expect((await world.replica().escalate.check()).map((event) => (event.data as ReferralEscalatedV1Data).deadline)).toEqual(['ACKNOWLEDGE', 'DECIDE']);
  });

  it('two schedulers over one store racing on the same deadline store one ReferralEscalated', async () => {
    world.clock.set(ACK_DUE);
    const [first, second] = [world.replica(), world.replica()];

    const outcomes = await Promise.all([first.escalate.check(), second.escalate.check(), first.escalate.check()]);

    expect(outcomes.flat()).toHaveLength(1);
    expect(await escalations()).toHaveLength(1);
  });
});
