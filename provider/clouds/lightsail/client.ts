import type { DriverContext } from "../../core/driver";
import { CloudError } from "../../core/errors";
import { parseJson, type ApiCall, type HttpResponse } from "../../core/transport";
import { signSigV4 } from "../../../signing/sigv4";

/** TARGET_PREFIX starts the `X-Amz-Target` header of every Lightsail call. */
const TARGET_PREFIX = "Lightsail_20161128.";

/** throttlingCodes are the AWS error names that mean "slow down"; AWS sends most of them with HTTP 400. */
const throttlingCodes = new Set([
  "ThrottlingException",
  "Throttling",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
]);

/** transientCodes are AWS error names worth retrying although they are not throttling. */
const transientCodes = new Set(["ServiceException", "ServiceUnavailable", "InternalFailure", "RequestTimeout", "RequestTimeoutException"]);

/** errorName reads the exception name the AWS way: header first, then `__type`, cut at `:` and after `#`. */
function errorName(res: HttpResponse, body: Record<string, unknown>): string {
  const raw = res.headers["x-amzn-errortype"] ?? (typeof body.__type === "string" ? body.__type : undefined) ?? (typeof body.code === "string" ? body.code : undefined);
  if (!raw) return `HTTP${res.status}`;
  const name = raw.split(":")[0];
  return name.includes("#") ? name.slice(name.lastIndexOf("#") + 1) : name;
}

/** lightsailError turns an error answer into a CloudError with AWS's retry classification. */
export function lightsailError(operation: string, res: HttpResponse): CloudError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(res.body);
    if (parsed && typeof parsed === "object") body = parsed as Record<string, unknown>;
  } catch {
    // A non-JSON error page (a proxy, a load balancer) still has a status worth reporting.
  }
  const code = errorName(res, body);
  const message = (typeof body.message === "string" && body.message) || (typeof body.Message === "string" && body.Message) || `HTTP ${res.status}`;
  const throttled = throttlingCodes.has(code) || res.status === 429;
  return new CloudError({
    cloud: "lightsail",
    operation,
    code,
    message,
    requestId: res.headers["x-amzn-requestid"],
    httpStatus: res.status,
    throttled,
    retryable: throttled || res.status >= 500 || transientCodes.has(code),
  });
}

/**
 * lightsailCall is one Lightsail API call: awsJson1_1 on `POST /` of the region's endpoint, signed with SigV4 afresh
 * on every attempt. The answer is the decoded JSON body; an error answer becomes a CloudError.
 */
export function lightsailCall<T = Record<string, unknown>>(ctx: DriverContext, operation: string, input: object): ApiCall<T> {
  const body = JSON.stringify(input);
  const url = new URL(`${ctx.endpoint.replace(/\/+$/, "")}/`);
  return {
    cloud: "lightsail",
    operation,
    build() {
      const headers: Record<string, string> = {
        host: url.host,
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `${TARGET_PREFIX}${operation}`,
      };
      const signed = signSigV4({ method: "POST", path: url.pathname, query: "", headers, body }, ctx.credentials, {
        region: ctx.region,
        service: "lightsail",
        date: new Date(ctx.clock.now()),
      });
      return { method: "POST", url: url.toString(), headers: { ...headers, ...signed }, body };
    },
    parse(res) {
      if (res.status !== 200) throw lightsailError(operation, res);
      const out = parseJson("lightsail", operation, res);
      if (!out || typeof out !== "object" || Array.isArray(out)) {
        throw new CloudError({
          cloud: "lightsail",
          operation,
          code: "MalformedResponse",
          message: "the answer is not a JSON object",
          requestId: res.headers["x-amzn-requestid"],
          httpStatus: res.status,
        });
      }
      return out as T;
    },
  };
}

/** isNotFound says whether an error is Lightsail's NotFoundException. */
export function isNotFound(err: unknown): boolean {
  return err instanceof CloudError && err.code === "NotFoundException";
}
