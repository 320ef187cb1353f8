import { CONNECTION_REFUSED, CloudError, isCloudError, notRetryable } from "./errors";
import type { Clock } from "./clock";

/** RetryPolicy bounds how often and how long a failed call is repeated. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** defaultRetryPolicy retries for about a minute and a half in total before giving up. */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 200, maxDelayMs: 15_000 };

/**
 * refusedPolicy bounds the retries of a refused connection: a server that is starting gets about 7 s, then the
 * call fails at once naming the endpoint, instead of spending the whole retry budget on a port nobody listens at.
 */
export const refusedPolicy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 4000 };

/** backoffDelay is "full jitter": a random delay up to an exponentially growing cap. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/** shouldRetry says whether an error is worth another attempt: only retryable CloudErrors are. */
export function shouldRetry(err: unknown): boolean {
  return isCloudError(err) && err.retryable;
}

/** RetryObserver hears about each retry, e.g. to slow a rate limiter down or count retries. */
export type RetryObserver = (err: CloudError, attempt: number) => void;

/**
 * withRetries runs `attempt` until it succeeds, fails with a non-retryable error, or the policy is exhausted.
 * Refused connections follow `refusedPolicy` instead, and the last one is raised as final. Each attempt builds its
 * request anew, so signatures are fresh.
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  clock: Clock,
  policy: RetryPolicy = defaultRetryPolicy,
  observe?: RetryObserver,
): Promise<T> {
  let refused = 0;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!shouldRetry(err)) throw err;
      const e = err as CloudError;
      if (e.code === CONNECTION_REFUSED) {
        if (++refused >= refusedPolicy.maxAttempts) throw notRetryable(e);
        observe?.(e, n);
        await clock.sleep(backoffDelay(refused - 1, refusedPolicy, () => clock.random()));
        continue;
      }
      if (n + 1 >= policy.maxAttempts) throw err;
      observe?.(e, n);
      await clock.sleep(backoffDelay(n, policy, () => clock.random()));
    }
  }
}
