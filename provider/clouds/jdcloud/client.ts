import { randomUUID } from "crypto";
import { CloudError } from "../../core/errors";
import type { DriverContext } from "../../core/driver";
import { parseJson, type ApiCall, type HttpResponse } from "../../core/transport";
import {
  JDCLOUD_DATE_HEADER,
  JDCLOUD_NONCE_HEADER,
  JDCLOUD_TOKEN_HEADER,
  encodeComponent,
  jdcloudDate,
  signJdcloud,
} from "../../../signing/jdcloud";
import type { Credentials } from "../../core/types";
import { THROTTLING } from "./errors";
import { jdcloudManifest } from "./manifest";

/** SIGNING_SERVICE is the service name in the credential scope of coc-vm requests. */
export const SIGNING_SERVICE = "coc-vm";

/** JdRequest describes one coc-vm call. */
export interface JdRequest {
  operation: string;
  method: "GET" | "POST" | "DELETE";
  /** Path under the endpoint, e.g. `/v1/regions/cn-north-1/instances`. */
  path: string;
  /** Query parameters in order (GET and DELETE). */
  query?: Array<[string, string]>;
  /** JSON body (POST). */
  body?: unknown;
}

/** JdAnswer is a successful answer: the `result` object and the request id. */
export interface JdAnswer<T> {
  result: T;
  requestId: string;
}

/** filterQuery renders JD's 1-based filters: `filters.1.name=instanceId&filters.1.values.1=i-a&…`. */
export function filterQuery(filters: Array<{ name: string; values: string[] }>): Array<[string, string]> {
  return filters.flatMap((f, i) => [
    [`filters.${i + 1}.name`, f.name] as [string, string],
    ...f.values.map((v, j) => [`filters.${i + 1}.values.${j + 1}`, v] as [string, string]),
  ]);
}

/** jdError turns an error answer into a CloudError with JD's status string as the code. */
function jdError(operation: string, res: HttpResponse, body: unknown): CloudError {
  const b = (typeof body === "object" && body !== null ? body : {}) as { requestId?: unknown; error?: { status?: unknown; message?: unknown } };
  const status = typeof b.error?.status === "string" ? b.error.status : `HTTP${res.status}`;
  const message = typeof b.error?.message === "string" ? b.error.message : `HTTP ${res.status} without an error description`;
  const throttled = THROTTLING.has(status);
  return new CloudError({
    cloud: "jdcloud",
    operation,
    code: status,
    message,
    requestId: typeof b.requestId === "string" ? b.requestId : res.headers["x-jdcloud-request-id"],
    httpStatus: res.status,
    retryable: throttled || res.status >= 500,
    throttled,
  });
}

/**
 * jdcloudCall builds an ApiCall that signs each attempt afresh with JDCLOUD2 (new date and nonce) and reads JD's
 * envelope: `result` on success, `error {code, status, message}` otherwise.
 */
export function jdcloudCall<T>(ctx: DriverContext, req: JdRequest, read: (result: Record<string, unknown>) => T): ApiCall<JdAnswer<T>> {
  return {
    cloud: "jdcloud",
    operation: req.operation,
    build() {
      const base = new URL(ctx.endpoint);
      const path = `${base.pathname.replace(/\/+$/, "")}${req.path}`;
      const rawQuery = (req.query ?? []).map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join("&");
      const body = req.body === undefined ? "" : JSON.stringify(req.body);
      const headers: Record<string, string> = {
        "content-type": "application/json",
        [JDCLOUD_DATE_HEADER]: jdcloudDate(new Date(ctx.clock.now())),
        [JDCLOUD_NONCE_HEADER]: randomUUID(),
      };
      if (ctx.credentials.sessionToken) headers[JDCLOUD_TOKEN_HEADER] = ctx.credentials.sessionToken;
      const signature = signJdcloud({
        version: "JDCLOUD2",
        method: req.method,
        path,
        rawQuery,
        headers: { ...headers, host: base.host },
        body,
        accessKeyId: ctx.credentials.accessKeyId,
        secretAccessKey: ctx.credentials.secretAccessKey,
        region: ctx.region,
        service: SIGNING_SERVICE,
      });
      return {
        method: req.method,
        url: `${base.origin}${path}${rawQuery ? `?${rawQuery}` : ""}`,
        headers: { ...headers, authorization: signature.authorization, "user-agent": "lightfleet" },
        body: req.method === "POST" ? body : undefined,
      };
    },
    parse(res) {
      const body = parseJson("jdcloud", req.operation, res);
      if (res.status < 200 || res.status >= 300) throw jdError(req.operation, res, body);
      const b = body as { requestId?: unknown; result?: unknown };
      const requestId = typeof b?.requestId === "string" ? b.requestId : (res.headers["x-jdcloud-request-id"] ?? "");
      const result = typeof b?.result === "object" && b.result !== null ? (b.result as Record<string, unknown>) : {};
      return { result: read(result), requestId };
    },
  };
}

/** malformed is the error for an answer that lacks what the API promises. */
export function malformed(operation: string, what: string): CloudError {
  return new CloudError({ cloud: "jdcloud", operation, code: "MalformedResponse", message: what });
}

/** regionPath is the path of a region's resources, under which every coc-vm call lives. */
export function regionPath(ctx: DriverContext): string {
  return `/v1/regions/${encodeURIComponent(ctx.region)}`;
}

/** jdcloudCredentials reads the access key pair from the environment variables JD Cloud's tools use. */
export async function jdcloudCredentials(): Promise<Credentials | undefined> {
  const accessKeyId = process.env[jdcloudManifest.credentialVariables.accessKey];
  const secretAccessKey = process.env[jdcloudManifest.credentialVariables.secretKey];
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}
