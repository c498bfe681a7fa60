/** The routing table in force, from this library's versioned data file, checked when loaded. */
import routingTableV1 from '../routing/routing-table.v1.json';
import { checkRoutingTable, type RoutingTable } from '../domain/routing/routing-table';

export function loadRoutingTable(): RoutingTable {
  return checkRoutingTable(routingTableV1);
}
