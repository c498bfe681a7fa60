import type { AgencyApiKeyIssuedV1Data, AgencyApiKeyRevokedV1Data } from '@lastri/contracts';

/** The events of an `agency-<agencyId>` stream: the agency's API keys, at their latest schema versions. */
export type AgencyKeyEvent =
  | { readonly type: 'AgencyApiKeyIssued'; readonly data: AgencyApiKeyIssuedV1Data }
  | { readonly type: 'AgencyApiKeyRevoked'; readonly data: AgencyApiKeyRevokedV1Data };

export type AgencyKeyEventType = AgencyKeyEvent['type'];
export const AGENCY_KEY_EVENT_TYPES: readonly AgencyKeyEventType[] = [
  'AgencyApiKeyIssued',
  'AgencyApiKeyRevoked',
];
