import type { EmulatorResponse } from "../../emulator";
import { ZenlayerError } from "./errors";

/** requestIdOf turns a UUID into Zenlayer's request id form, `T` and the upper-case UUID. */
export function requestIdOf(uuid: string): string {
  return `T${uuid.toUpperCase()}`;
}

/** parseBody reads the JSON body; an empty body is an empty parameter set. */
export function parseBody(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ZenlayerError(400, "INVALID_PARAMETER_VALUE", "The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ZenlayerError(400, "INVALID_PARAMETER_VALUE", "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** renderSuccess writes HTTP 200 `{requestId, response: {requestId, ...fields}}`. */
export function renderSuccess(requestId: string, fields: Record<string, unknown>): EmulatorResponse {
  return { status: 200, body: JSON.stringify({ requestId, response: { requestId, ...fields } }) };
}

/** renderError is the one error envelope: the status and a flat `{requestId, code, message}`. */
export function renderError(requestId: string, err: ZenlayerError): EmulatorResponse {
  return { status: err.status, body: JSON.stringify({ requestId, code: err.code, message: err.message }) };
}
