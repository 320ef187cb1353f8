import type { EmulatorRequest, EmulatorResponse } from "../../emulator";
import { LightsailError } from "./errors";
import type { Input } from "./input";

/** TARGET_PREFIX starts the `X-Amz-Target` header of every Lightsail call. */
const TARGET_PREFIX = "Lightsail_20161128.";

const JSON_TYPE = "application/x-amz-json-1.1";

/** operationOf is the operation an awsJson request names, or undefined when it is not a Lightsail request. */
export function operationOf(req: EmulatorRequest): string | undefined {
  const target = req.headers["x-amz-target"];
  if (req.method !== "POST" || req.path !== "/" || !target?.startsWith(TARGET_PREFIX)) return undefined;
  return target.slice(TARGET_PREFIX.length) || undefined;
}

/** parseInput decodes the JSON body; an empty body is an empty input. */
export function parseInput(req: EmulatorRequest): Input {
  if (req.body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body);
  } catch {
    throw new LightsailError("SerializationException", "The request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new LightsailError("SerializationException", "The request body must be a JSON object");
  }
  return parsed as Input;
}

/** renderResult is a successful awsJson answer. */
export function renderResult(body: unknown, requestId: string): EmulatorResponse {
  return { status: 200, headers: { "content-type": JSON_TYPE, "x-amzn-requestid": requestId }, body: JSON.stringify(body) };
}

/**
 * renderError is the one writer of Lightsail's error envelope: `__type`, `message` and (for Lightsail's own
 * exceptions) its `code`, the `x-amzn-ErrorType` header and the exception's HTTP status.
 */
export function renderError(err: LightsailError, requestId: string): EmulatorResponse {
  return {
    status: err.status,
    headers: { "content-type": JSON_TYPE, "x-amzn-requestid": requestId, "x-amzn-errortype": err.type },
    body: JSON.stringify({ __type: err.type, message: err.message, ...(err.code ? { code: err.code } : {}) }),
  };
}
