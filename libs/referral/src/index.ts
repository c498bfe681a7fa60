/**
 * @lastri/referral: closed-loop referrals of eligible cases to the partner agencies that deliver
 * the programmes, with working-day deadlines and escalations, an agency API (JWT or API key) and
 * the Dinas Sosial's view of where each referral stands.
 */
export { ReferralModule, type ReferralModuleOptions } from './referral.module';
export { REFERRAL_CLOCK, ROUTING_TABLE, DEADLINE_CHECK_EVERY_MS } from './api/referral.tokens';
export { REFERRAL_CONSUMER, ReferralInputsConsumer } from './api/events/referral-inputs.consumer';

export { AgencyKeysModule, AGENCY_KEYS_CLOCK, type AgencyKeysModuleOptions } from './agency-keys.module';
export { agencyKeyCommand } from './cli/agency-key.command';
export { AGENCIES, AGENCY_IDS, findAgency, isAgencyId, type AgencyId, type PartnerAgency } from './domain/agencies';
export { checkRoutingTable, RoutingTableInvalidError, type RoutingTable, type Route } from './domain/routing/routing-table';
export { loadRoutingTable } from './infrastructure/routing-table-file';
export { fhirTaskStatus, type FhirTaskStatus } from './domain/fhir-task-status';
export { EscalateOverdue } from './application/escalate-overdue/escalate-overdue';
export { ReferralQueries } from './application/queries/referral-queries';
