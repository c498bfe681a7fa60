/**
 * Which partner agency delivers each programme, and how many working days it has to acknowledge
 * and to decide: versioned data (src/routing/routing-table.v<N>.json), checked at start, named by
 * version on every referral it routes. A route may set its own deadlines; otherwise the table's.
 */
import { isCalendarDate } from '@lastri/kernel';

import { findAgency, type AgencyId } from '../agencies';
import { PROGRAMMES, type Programme } from '../referral.events';

export interface Route {
  readonly programme: Programme;
  readonly agencyId: AgencyId;
  readonly ackWithinWorkingDays: number;
  readonly decideWithinWorkingDays: number;
}

export interface RoutingTable {
  readonly version: string;
  readonly effectiveFrom: string;
  readonly source: string;
  readonly routes: readonly Route[];
}

export class RoutingTableInvalidError extends Error {
  override readonly name = 'RoutingTableInvalidError';
  constructor(readonly problems: readonly string[]) {
    super(`The referral routing table is invalid:\n- ${problems.join('\n- ')}`);
  }
}

const MAX_WORKING_DAYS = 60;

/** The table as the file states it, checked: every programme routed once, to a known agency, with sane deadlines. */
export function checkRoutingTable(raw: unknown): RoutingTable {
  const problems: string[] = [];
  const table = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = (key: string): string => {
    const value = table[key];
    if (typeof value !== 'string' || value.trim() === '') problems.push(`${key} is missing`);
    return typeof value === 'string' ? value : '';
  };
  const days = (value: unknown, where: string): number => {
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_WORKING_DAYS) {
      problems.push(`${where} must be a whole number of working days from 1 to ${MAX_WORKING_DAYS}`);
    }
    return value as number;
  };
  const version = text('version');
  const effectiveFrom = text('effectiveFrom');
  if (effectiveFrom && !isCalendarDate(effectiveFrom)) problems.push(`effectiveFrom ${JSON.stringify(effectiveFrom)} is not a date`);
  const source = text('source');
  const ack = days(table.ackWithinWorkingDays, 'ackWithinWorkingDays');
  const decide = days(table.decideWithinWorkingDays, 'decideWithinWorkingDays');

  const routes: Route[] = [];
  const rawRoutes = Array.isArray(table.routes) ? (table.routes as Record<string, unknown>[]) : [];
  if (!Array.isArray(table.routes)) problems.push('routes must be a list');
  for (const [index, route] of rawRoutes.entries()) {
    const programme = route.programme as Programme;
    const where = `routes[${index}] (${String(route.programme)})`;
    if (!PROGRAMMES.includes(programme)) problems.push(`${where}: unknown programme`);
    else if (routes.some((other) => other.programme === programme)) problems.push(`${where}: programme routed twice`);
    const agency = findAgency(String(route.agencyId));
    if (!agency) problems.push(`${where}: unknown agency ${JSON.stringify(route.agencyId)}`);
    const routeAck = route.ackWithinWorkingDays === undefined ? ack : days(route.ackWithinWorkingDays, `${where}.ackWithinWorkingDays`);
    const routeDecide = route.decideWithinWorkingDays === undefined ? decide : days(route.decideWithinWorkingDays, `${where}.decideWithinWorkingDays`);
    if (routeAck > routeDecide) problems.push(`${where}: acknowledging may not be due after deciding`);
    if (agency) routes.push({ programme, agencyId: agency.agencyId, ackWithinWorkingDays: routeAck, decideWithinWorkingDays: routeDecide });
  }
  for (const programme of PROGRAMMES) {
    if (!rawRoutes.some((route) => route.programme === programme)) problems.push(`programme ${programme} has no route`);
  }
  if (problems.length > 0) throw new RoutingTableInvalidError(problems);
  return { version, effectiveFrom, source, routes };
}

export function routeOf(table: RoutingTable, programme: Programme): Route {
  const route = table.routes.find((candidate) => candidate.programme === programme);
  // checkRoutingTable guarantees a route per programme.
  if (!route) throw new RoutingTableInvalidError([`programme ${programme} has no route`]);
  return route;
}
