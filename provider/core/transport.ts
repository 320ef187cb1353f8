import { exchange, HttpFailure, type HttpRequest, type HttpResponse } from "./http";
import { CONNECTION_REFUSED, CloudError, notRetryable } from "./errors";
import type { CloudName } from "./types";
import type { Clock } from "./clock";
import { systemClock } from "./clock";
import { defaultRetryPolicy, withRetries, type RetryPolicy } from "./retry";
import type { TokenBucket } from "./rateLimiter";

export type { HttpRequest, HttpResponse };

/** ApiCall describes one cloud API call: how to build it afresh for each attempt and how to read its answer. */
export interface ApiCall<T> {
  cloud: CloudName;
  operation: string;
  /** Builds and signs the request; called once per attempt so the date, nonce and signature are fresh. */
  build(): HttpRequest;
  /** Reads the answer: returns the result or throws a CloudError whose `retryable` follows the cloud's rules. */
  parse(res: HttpResponse): T;
  /** True for a call that only validates (a DryRun): progress says so, so it never reads as a real create. */
  dryRun?: boolean;
  /** Set by withoutBlindRepeats: a failure that may have been performed is raised at once, never repeated. */
  noBlindRepeats?: boolean;
}

/** SendOptions tunes one call: the rate limiter to respect, the retry policy, the per-attempt timeout. */
export interface SendOptions {
  bucket?: TokenBucket;
  retry?: RetryPolicy;
  timeoutMs?: number;
  clock?: Clock;
  /** Hears about every retried failure (for counting and progress). */
  onRetry?: (err: CloudError, attempt: number) => void;
}

/** DEFAULT_TIMEOUT_MS is how long one attempt waits for an answer unless LIGHTFLEET_HTTP_TIMEOUT_MS says otherwise. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * attemptTimeoutMs reads LIGHTFLEET_HTTP_TIMEOUT_MS at call time (never at load time, which the serialized provider
 * would freeze), so that tests and slow networks can change the per-attempt timeout of a running provider.
 */
export function attemptTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.LIGHTFLEET_HTTP_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_TIMEOUT_MS;
}

/**
 * unanswered holds the errors of attempts that may have been performed by the cloud although no answer said so: the
 * connection failed or timed out after the request was sent, or the cloud answered 5xx. Repeating such a call blindly
 * can do its work twice.
 */
const unanswered = new WeakSet<CloudError>();

/** mayHaveBeenPerformed says whether a failed call may nevertheless have taken effect at the cloud. */
export function mayHaveBeenPerformed(err: unknown): boolean {
  return err instanceof CloudError && unanswered.has(err);
}

/**
 * withoutBlindRepeats returns the context whose calls are not repeated by `send` after a failure that may have been
 * performed (see mayHaveBeenPerformed): such a failure is raised at once, so that the caller can look at what exists
 * before asking again. Throttling and other answers that prove nothing happened are still retried. This is for calls
 * that are not idempotent, such as a CreateInstances without a client token. It marks the calls rather than an async
 * scope: async-scoped storage would slow every promise of the provider process for the rest of its life.
 */
export function withoutBlindRepeats<C extends { send<T>(call: ApiCall<T>): Promise<T> }>(ctx: C): C {
  const guarded = Object.create(ctx) as C;
  guarded.send = <T>(call: ApiCall<T>) => ctx.send({ ...call, noBlindRepeats: true });
  return guarded;
}

/** final re-raises an error as not retryable, keeping every field and the may-have-been-performed mark. */
function final(err: CloudError): CloudError {
  const copy = notRetryable(err);
  unanswered.add(copy);
  return copy;
}

/** transportCodes are the socket failures that are safe to retry. */
const transportCodes = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "EAI_AGAIN"]);

/** errorCode is the socket's code of a failed exchange, "RequestTimeout" when it ran out of time. */
function errorCode(err: unknown): string {
  return err instanceof HttpFailure ? err.code : "NetworkError";
}

/** refusedMessage names the endpoint nobody listens at, with the likely cause for a loopback one. */
function refusedMessage(url: string): string {
  const u = new URL(url);
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(u.hostname);
  return `nothing is listening at ${u.origin} - ${loopback ? "is localcloud running?" : "check the endpoint and the network (or proxy) in between"}`;
}

async function sendOnce<T>(call: ApiCall<T>, timeoutMs: number): Promise<T> {
  const req = call.build();
  let res: HttpResponse;
  try {
    res = await exchange(req, AbortSignal.timeout(timeoutMs));
  } catch (err) {
    const code = errorCode(err);
    if (code === "ECONNREFUSED") {
      // Only a refused connection proves the request never reached the cloud.
      throw new CloudError({ cloud: call.cloud, operation: call.operation, code: CONNECTION_REFUSED, message: refusedMessage(req.url), retryable: true });
    }
    const timedOut = code === "RequestTimeout";
    const failure = new CloudError({
      cloud: call.cloud,
      operation: call.operation,
      code: timedOut ? "RequestTimeout" : code,
      message: timedOut ? `no answer from ${new URL(req.url).host} within ${timeoutMs} ms` : `no answer from ${new URL(req.url).host}: ${(err as Error).message}`,
      retryable: timedOut || transportCodes.has(code),
    });
    unanswered.add(failure);
    throw failure;
  }
  try {
    return call.parse(res);
  } catch (err) {
    if (err instanceof CloudError && res.status >= 500) unanswered.add(err);
    throw err;
  }
}

/**
 * send performs an API call under the cloud's rate limit, retrying throttling, 5xx, resets and timeouts with
 * backoff and a fresh signature, and never retrying validation or authentication errors. A call marked by
 * withoutBlindRepeats raises a failure that may have been performed at once instead of retrying it.
 */
export async function send<T>(call: ApiCall<T>, opts: SendOptions = {}): Promise<T> {
  const clock = opts.clock ?? systemClock;
  return withRetries(
    async () => {
      await opts.bucket?.take();
      try {
        const out = await sendOnce(call, opts.timeoutMs ?? attemptTimeoutMs());
        opts.bucket?.succeeded();
        return out;
      } catch (err) {
        if (err instanceof CloudError && err.throttled) opts.bucket?.throttled();
        if (err instanceof CloudError && err.retryable && unanswered.has(err) && call.noBlindRepeats) throw final(err);
        throw err;
      }
    },
    clock,
    opts.retry ?? defaultRetryPolicy,
    opts.onRetry,
  );
}

/** parseJson reads a JSON answer, turning a malformed body into a clear CloudError instead of a crash. */
export function parseJson(cloud: CloudName, operation: string, res: HttpResponse): unknown {
  try {
    return JSON.parse(res.body);
  } catch {
    throw new CloudError({
      cloud,
      operation,
      code: "MalformedResponse",
      message: `the answer (HTTP ${res.status}) is not valid JSON: ${JSON.stringify(res.body.slice(0, 120))}`,
      httpStatus: res.status,
      retryable: res.status >= 500,
    });
  }
}
