export * from './port/event-store';
export * from './port/errors';
export * from './port/streams';
export { GENESIS_HASH, canonicalJson, eventHash, verifyChain } from './chain/hash-chain';
export { EVENT_STORE, EventStoreModule } from './nest/event-store.module';
export { validateNewEvents, validateExpectedVersion } from './port/validate-new-events';
export {
  ACCEPTED_EVENT_STORE_URLS,
  createEventStore,
  parseEventStoreUrl,
  type EventStoreLocation,
} from './create-event-store';
export { withoutCredentials } from './event-store-url';
