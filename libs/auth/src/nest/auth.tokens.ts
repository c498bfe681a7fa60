/** Injection tokens of what AuthModule.forRoot provides. */
export const AUTH_CONFIG = Symbol('lastri.auth.config');
export const TOKEN_VERIFIER = Symbol('lastri.auth.token-verifier');
