export * from './wire-names';
export type * from './events';
export type * from './generated';
export type { JsonSchema } from './catalogue/json-schema';
export {
  catalogueEntry,
  dataSchemaUri,
  eventCatalogue,
  eventSchema,
  parseDataSchemaUri,
  type EventCatalogueEntry,
} from './catalogue/event-catalogue';
export {
  validateCloudEventsKafkaHeaders,
  validateEventData,
  validateEventMetadata,
  type ValidationIssue,
  type ValidationResult,
} from './catalogue/validation';
export {
  personalDataPaths,
  personalDataPathsOf,
  type PersonalDataCategory,
  type PersonalDataPath,
} from './catalogue/personal-data';
export { upcast, upcastEvent } from './upcasting/upcast';
export { createUpcaster, type UpcastFunction, type Upcaster } from './upcasting/upcaster';
export { UnknownEventTypeError, UnknownSchemaVersionError } from './errors';
