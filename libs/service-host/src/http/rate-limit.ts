/**
 * Requests per client address per minute (@nestjs/throttler), 429 with Retry-After beyond it.
 * RATE_LIMIT_PER_MINUTE sets the limit; its default is far above what a person or the test
 * suite sends, and low enough to slow down someone guessing tokens or NIKs.
 */
import type { Env } from '@lastri/auth';
import { type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerStorageService } from '@nestjs/throttler';

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 6000;

export function readRateLimitPerMinute(env: Env): number {
  const value = env.RATE_LIMIT_PER_MINUTE?.trim();
  if (!value) return DEFAULT_RATE_LIMIT_PER_MINUTE;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
    throw new Error(`RATE_LIMIT_PER_MINUTE must be a whole number of requests of at least 1, got ${JSON.stringify(value)}.`);
  }
  return Number(value);
}

/** Event handlers of a hybrid app inherit global guards; only HTTP requests are counted. */
class HttpThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }
}

/** A guard the host installs globally, outside DI: the limit is the host's, not a context's. */
export function rateLimitGuard(perMinute: number): ThrottlerGuard {
  const guard = new HttpThrottlerGuard({ throttlers: [{ ttl: 60_000, limit: perMinute }] }, new ThrottlerStorageService(), new Reflector());
  void guard.onModuleInit();
  return guard;
}
