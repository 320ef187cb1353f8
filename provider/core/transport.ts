import { AsyncLocalStorage } from "async_hooks";
import got, { RequestError } from "got";
import { CloudError } from "./errors";
import type { CloudName } from "./types";
import type { Clock } from "./clock";
import { systemClock } from "./clock";
import { defaultRetryPolicy, withRetries, type RetryPolicy } from "./retry";
import type { TokenBucket } from "./rateLimiter";

/** HttpRequest is one fully built (and signed) request. */
export interface HttpRequest {
  method: "GET" | "POST" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** HttpResponse is what came back, with lower-case header names. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** ApiCall describes one cloud API call: how to build it afresh for each attempt and how to read its answer. */
export interface ApiCall<T> {
  cloud: CloudName;
  operation: string;
  /** Builds and signs the request; called once per attempt so the date, nonce and signature are fresh. */
  build(): HttpRequest;
  /** Reads the answer: returns the result or throws a CloudError whose `retryable` follows the cloud's rules. */
  parse(res: HttpResponse): T;
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

/** noBlindRepeat marks the calls made inside withoutBlindRepeats. */
const noBlindRepeat = new AsyncLocalStorage<boolean>();

/**
 * withoutBlindRepeats runs `fn` so that the calls it makes are not repeated by `send` after a failure that may have
 * been performed (see mayHaveBeenPerformed): such a failure is raised at once, so that the caller can look at what
 * exists before asking again. Throttling and other answers that prove nothing happened are still retried. This is
 * for calls that are not idempotent, such as a CreateInstances without a client token.
 */
export function withoutBlindRepeats<T>(fn: () => Promise<T>): Promise<T> {
  return noBlindRepeat.run(true, fn);
}

/** final re-raises an error as not retryable, keeping every field and the may-have-been-performed mark. */
function final(err: CloudError): CloudError {
  const copy = new CloudError({
    cloud: err.cloud,
    operation: err.operation,
    code: err.code,
    message: err.detail,
    requestId: err.requestId,
    httpStatus: err.httpStatus,
    throttled: err.throttled,
    instanceIds: err.instanceIds,
    retryable: false,
  });
  unanswered.add(copy);
  return copy;
}

/** transportCodes are the socket failures that are safe to retry. */
const transportCodes = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "ESOCKETTIMEDOUT", "EAI_AGAIN"]);

async function sendOnce<T>(call: ApiCall<T>, timeoutMs: number): Promise<T> {
  const req = call.build();
  let res: HttpResponse;
  try {
    const r = await got(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      throwHttpErrors: false,
      retry: 0,
      timeout: timeoutMs,
      followRedirect: false,
      responseType: "text",
    });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) headers[k.toLowerCase()] = String(v);
    res = { status: r.statusCode, headers, body: r.body };
  } catch (err) {
    const code = (err as RequestError).code ?? "NetworkError";
    const failure = new CloudError({
      cloud: call.cloud,
      operation: call.operation,
      code: code === "ETIMEDOUT" ? "RequestTimeout" : code,
      message: `no answer from ${new URL(req.url).host}: ${(err as Error).message}`,
      retryable: transportCodes.has(code) || err instanceof got.TimeoutError || err instanceof got.ReadError,
    });
    // Only a refused connection proves the request never reached the cloud.
    if (code !== "ECONNREFUSED") unanswered.add(failure);
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
 * backoff and a fresh signature, and never retrying validation or authentication errors. Inside
 * withoutBlindRepeats, a failure that may have been performed is raised at once instead of retried.
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
        if (err instanceof CloudError && err.retryable && unanswered.has(err) && noBlindRepeat.getStore()) throw final(err);
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
