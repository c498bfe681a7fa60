/**
 * Bounded retries with exponential back-off. A consumer retries in place, holding back the
 * messages behind the failing one (they may be the same resident's, and order matters), then
 * dead-letters it and moves on: a poison message costs at most the sum of the back-offs.
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** Wait after the first failure; doubled after each further one. */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  initialBackoffMs: 500,
  // 0.5 + 1 + 2 + 4 s: well inside a Kafka session timeout, and a partition is not held for long.
  maxBackoffMs: 8_000,
});

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be an integer from 1, got ${policy.maxAttempts}.`);
  }
  if (!(policy.initialBackoffMs >= 0) || !(policy.maxBackoffMs >= policy.initialBackoffMs)) {
    throw new RangeError('Back-offs must satisfy 0 <= initialBackoffMs <= maxBackoffMs.');
  }
  return policy;
}

/** The wait after the `failedAttempts`-th failure (1-based). */
export function backoffMs(policy: RetryPolicy, failedAttempts: number): number {
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (failedAttempts - 1));
}
