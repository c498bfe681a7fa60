export { BODY_LIMIT, HealthController, configureHttpHost } from './http-host';
