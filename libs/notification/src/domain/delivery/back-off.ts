import type { RetryPolicy } from '../notification.commands';

/** The wait after failed attempt n (1-based): the first delay, doubled each time, capped. */
export function backOffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.firstDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}
