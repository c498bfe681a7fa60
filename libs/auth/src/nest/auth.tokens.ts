/** Injection tokens of what AuthModule.forRoot provides. */
export const AUTH_CONFIG = Symbol('lastri.auth.config');
export const TOKEN_VERIFIER = Symbol('lastri.auth.token-verifier');
/** Optional: an ApiKeyVerifier, provided by a global module of the host, lets AuthGuard accept API keys. */
export const API_KEY_VERIFIER = Symbol('lastri.auth.api-key-verifier');
