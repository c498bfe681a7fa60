/**
 * Reads the intake module's options from the environment, for hosts: INTAKE_NIK_PEPPER, or, on a
 * developer machine (LASTRI_DEV=1, never with NODE_ENV=production), a built-in public pepper.
 */
import { isDevelopmentMode, type Env } from '@lastri/auth';

import { MIN_NIK_PEPPER_LENGTH } from './intake-options';

export const INTAKE_ENV = { nikPepper: 'INTAKE_NIK_PEPPER' } as const;

/** Public on purpose, like the development JWT secret: only for LASTRI_DEV=1 on a developer machine. */
export const INSECURE_DEV_NIK_PEPPER = 'lastri-INSECURE-development-nik-pepper';

export class IntakeConfigError extends Error {
  override readonly name = 'IntakeConfigError';
  readonly variable = INTAKE_ENV.nikPepper;
}

export interface NikPepperConfig {
  nikPepper: string;
  /** True when the public development pepper is used: say so loudly at start. */
  insecureDevelopmentDefault: boolean;
}

export function loadNikPepper(env: Env): NikPepperConfig {
  const value = env[INTAKE_ENV.nikPepper];
  if (value === undefined || value === '') {
    if (isDevelopmentMode(env) && env.NODE_ENV !== 'production') {
      return { nikPepper: INSECURE_DEV_NIK_PEPPER, insecureDevelopmentDefault: true };
    }
    throw new IntakeConfigError(
      `${INTAKE_ENV.nikPepper} is required: a secret of at least ${MIN_NIK_PEPPER_LENGTH} characters that keys the NIK ` +
        'reservation streams (e.g. `openssl rand -base64 32`). Keep it stable: changing it forgets every reservation.',
    );
  }
  if (value.length < MIN_NIK_PEPPER_LENGTH) {
    throw new IntakeConfigError(`${INTAKE_ENV.nikPepper} must be at least ${MIN_NIK_PEPPER_LENGTH} characters, got ${value.length}.`);
  }
  return { nikPepper: value, insecureDevelopmentDefault: false };
}
