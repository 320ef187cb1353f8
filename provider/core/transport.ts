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
    throw new CloudError({
      cloud: call.cloud,
      operation: call.operation,
      code: code === "ETIMEDOUT" ? "RequestTimeout" : code,
      message: `no answer from ${new URL(req.url).host}: ${(err as Error).message}`,
      retryable: transportCodes.has(code) || err instanceof got.TimeoutError || err instanceof got.ReadError,
    });
  }
  return call.parse(res);
}

/**
 * send performs an API call under the cloud's rate limit, retrying throttling, 5xx, resets and timeouts with
 * backoff and a fresh signature, and never retrying validation or authentication errors.
 */
export async function send<T>(call: ApiCall<T>, opts: SendOptions = {}): Promise<T> {
  const clock = opts.clock ?? systemClock;
  return withRetries(
    async () => {
      await opts.bucket?.take();
      try {
        const out = await sendOnce(call, opts.timeoutMs ?? 30_000);
        opts.bucket?.succeeded();
        return out;
      } catch (err) {
        if (err instanceof CloudError && err.throttled) opts.bucket?.throttled();
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
