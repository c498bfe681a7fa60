import routingTableV1 from '../../routing/routing-table.v1.json';
import { loadRoutingTable } from '../../infrastructure/routing-table-file';
import { checkRoutingTable, routeOf, RoutingTableInvalidError } from './routing-table';
import { dueDatesOf } from './deadlines';

describe('routing table', () => {
  it('routes every programme of the published file to its agency, with 2 and 5 working days', () => {
    const table = loadRoutingTable();
    expect(table.version).toBe('2025.1');
    expect(routeOf(table, 'PIP')).toEqual({ programme: 'PIP', agencyId: 'dinas-pendidikan', ackWithinWorkingDays: 2, decideWithinWorkingDays: 5 });
    expect(routeOf(table, 'PBI_JK').agencyId).toBe('dinas-kesehatan');
    expect(routeOf(table, 'PELATIHAN').agencyId).toBe('disnaker');
  });

  it('refuses at start a table that leaves a programme out, names an unknown agency or has impossible deadlines', () => {
    const broken = {
      ...routingTableV1,
      decideWithinWorkingDays: 1,
      routes: [...routingTableV1.routes.filter((route) => route.programme !== 'KERJA').map((route) => (route.programme === 'PIP' ? { ...route, agencyId: 'dinas-pendidikan-jatim' } : route))],
    };
    let problems: readonly string[] = [];
    try {
      checkRoutingTable(broken);
    } catch (error) {
      if (!(error instanceof RoutingTableInvalidError)) throw error;
      problems = error.problems;
    }
    expect(problems).toContain('routes[4] (PIP): unknown agency "dinas-pendidikan-jatim"');
    expect(problems).toContain('programme KERJA has no route');
    expect(problems).toContain('routes[0] (PKH): acknowledging may not be due after deciding');
  });

  it('dates deadlines from the WIB day the referral was made, not the UTC one', () => {
    const days = { ackWithinWorkingDays: 2, decideWithinWorkingDays: 5 };
    // 23:59 WIB on Thursday 13 November: two working days end with Monday 17th.
    expect(dueDatesOf('2025-11-13T16:59:00.000Z', days).acknowledgeDueAt).toBe('2025-11-17T17:00:00.000Z');
    // 00:00 WIB on Friday 14th, still Thursday in UTC: they end with Tuesday 18th.
    expect(dueDatesOf('2025-11-13T17:00:00.000Z', days)).toEqual({
      acknowledgeDueAt: '2025-11-18T17:00:00.000Z',
      decideDueAt: '2025-11-21T17:00:00.000Z',
    });
  });
});
