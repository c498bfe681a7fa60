export { BODY_LIMIT, configureHttpHost, type HttpHostOptions } from './http-host';
export { HealthController } from './health/health.controller';
export { HealthModule } from './health/health.module';
export { ReadinessProbes, type Readiness, type ReadinessProbe } from './health/readiness';
export { DRAIN_TIMEOUT_MS, stopGracefully, stopGracefullyOnSignals, type GracefulShutdownOptions } from './shutdown/graceful-shutdown';
export { requestValidationPipe, uuidParam } from './request-validation';
export {
  PROBLEM_CONTENT_TYPE,
  ProblemException,
  badRequest,
  problemBody,
  problemType,
  type FieldProblem,
  type Problem,
  type ProblemBody,
} from './http/problem';
export { ProblemDetailsFilter } from './http/problem-details.filter';
export { CORRELATION_HEADER, correlationIdOf } from './http/correlation-id';
export { MAX_JSON_DEPTH } from './http/request-limits';
export { DEFAULT_RATE_LIMIT_PER_MINUTE, readRateLimitPerMinute } from './http/rate-limit';
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
export { loadConsumerServiceConfig, type ConsumerServiceConfig, type ConsumerServiceDefaults } from './config/consumer-service-config';
export { ApiProblemResponses, BODY_PROBLEMS, HOST_PROBLEMS, ProblemDetailsSchema, type ProblemStatus } from './openapi/problem-responses';
export { openApiSchemaOfEvent } from './openapi/contract-schema';
export { RecurringTask } from './recurring-task';
export { runConsumerService, type ConsumerService } from './consumer-service';
