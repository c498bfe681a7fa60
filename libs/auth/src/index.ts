export { hasCityWideScope, hasRole, type Actor } from './actor/actor';
export { actorFromClaims, InvalidClaimsError, type ActorClaims } from './actor/actor-claims';
export { actorId } from './actor/actor-id';
export { apiKeyActor, type ApiKeyVerifier } from './api-key/api-key-verifier';
export { isKelurahanCode } from './actor/kelurahan-code';
export { isRole, ROLES, type Role } from './actor/role';
export {
  AUTH_ENV,
  AuthConfigError,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  INSECURE_DEV_JWT_SECRET,
  isDevelopmentMode,
  loadAuthConfig,
  MIN_SECRET_BYTES,
  type AuthConfig,
  type AuthKeyConfig,
  type Env,
} from './config/auth-config';
export { canActInKelurahan } from './policy/kelurahan-scope';
export { durationSeconds, type Duration } from './token/duration';
export { mintToken, type MintTokenOptions } from './token/mint-token';
export {
  KeySourceUnavailableError,
  TokenRejectedError,
  type TokenRejectionReason,
} from './token/token-errors';
export { createTokenVerifier, type TokenVerifier } from './token/token-verifier';
export { AuthGuard } from './nest/auth.guard';
export { AuthModule } from './nest/auth.module';
export { API_KEY_VERIFIER, AUTH_CONFIG, TOKEN_VERIFIER } from './nest/auth.tokens';
export { CurrentActor } from './nest/current-actor.decorator';
export { assertCanActInKelurahan } from './nest/kelurahan-scope';
export { IS_PUBLIC_KEY, Public } from './nest/public.decorator';
export { actorOfRequest } from './nest/request-actor';
export { ROLES_KEY, Roles } from './nest/roles.decorator';
