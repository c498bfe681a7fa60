import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_ENV, type AuthConfig } from '../config/auth-config';
import { createTokenVerifier } from '../token/token-verifier';
import { AuthGuard } from './auth.guard';
import { AUTH_CONFIG, TOKEN_VERIFIER } from './auth.tokens';

/**
 * Imported once, by the host (a service's root module or the standalone host), never by a context
 * module: each import would register the global guard again. Context controllers only need the
 * decorators.
 */
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        { provide: TOKEN_VERIFIER, useFactory: () => createVerifierLoudly(config) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AUTH_CONFIG, TOKEN_VERIFIER],
    };
  }
}

function createVerifierLoudly(config: AuthConfig) {
  if (config.key.kind === 'shared-secret' && config.key.insecureDevelopmentDefault) {
    new Logger('AuthModule').warn(
      `${AUTH_ENV.dev}=1 and no ${AUTH_ENV.secret}: accepting tokens signed with the PUBLIC development ` +
        `secret. Anyone can mint a token for any role. Never run like this with real residents' data.`,
    );
  }
  return createTokenVerifier(config);
}
