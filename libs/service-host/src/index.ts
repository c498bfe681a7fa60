export { BODY_LIMIT, HealthController, configureHttpHost } from './http-host';
export { badRequest, requestValidationPipe, uuidParam, type FieldProblem } from './request-validation';
export {
  readEventStoreUrl,
  readHost,
  readKafkaBrokers,
  readPort,
  type IfUnset,
} from './config/common-settings';
export {
  ConfigError,
  collectConfig,
  loadConfigOrExit,
  type ConfigProblem,
  type SettingReader,
  type Settings,
} from './config/config-problems';
