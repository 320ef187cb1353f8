import { ZC2_ALGORITHM, signZc2 } from "../../../signing/zc2";
import type { DriverContext } from "../../core/driver";
import { CloudError } from "../../core/errors";
import { parseJson, type ApiCall, type HttpResponse } from "../../core/transport";
import type { Credentials } from "../../core/types";
import { RETRYABLE_CODES } from "./errors";
import { zenlayerManifest } from "./manifest";

/** ZenlayerService is an API 2.0 service lightfleet calls: the VM service, and zrm for tags after creation. */
export type ZenlayerService = "vm" | "zrm";

/** API versions sent in X-ZC-Version: vm 2026-04-01 carries every CreateInstances parameter of the seed. */
const VERSIONS: Record<ZenlayerService, string> = { vm: "2026-04-01", zrm: "2025-10-14" };

function malformed(operation: string, res: HttpResponse, what: string): CloudError {
  return new CloudError({
    cloud: "zenlayer",
    operation,
    code: "MalformedResponse",
    message: `the answer (HTTP ${res.status}) ${what}`,
    httpStatus: res.status,
    retryable: res.status >= 500,
  });
}

/** errorOf turns a non-200 answer into a CloudError with Zenlayer's code and request id. */
function errorOf(operation: string, res: HttpResponse): CloudError {
  const body = parseJson("zenlayer", operation, res) as { code?: unknown; message?: unknown; requestId?: unknown } | null;
  const code = typeof body?.code === "string" ? body.code : `HTTP${res.status}`;
  const throttled = res.status === 429 || code === "REQUEST_LIMIT_EXCEEDED";
  return new CloudError({
    cloud: "zenlayer",
    operation,
    code,
    message: typeof body?.message === "string" ? body.message : `HTTP ${res.status} without an error message`,
    requestId: typeof body?.requestId === "string" ? body.requestId : undefined,
    httpStatus: res.status,
    retryable: throttled || res.status >= 500 || RETRYABLE_CODES.has(code),
    throttled,
  });
}

/**
 * zenlayerCall describes one API 2.0 call: POST /api/v2/<service> with a JSON body, signed with ZC2-HMAC-SHA256
 * afresh on every attempt; `read` gets the `response` object of a successful answer.
 */
export function zenlayerCall<T>(
  ctx: Pick<DriverContext, "endpoint" | "credentials" | "clock">,
  service: ZenlayerService,
  action: string,
  params: Record<string, unknown>,
  read: (response: Record<string, unknown>) => T,
): ApiCall<T> {
  const url = `${ctx.endpoint.replace(/\/+$/, "")}/api/v2/${service}`;
  const body = JSON.stringify(params);
  return {
    cloud: "zenlayer",
    operation: action,
    build() {
      const headers: Record<string, string> = {
        "content-type": "application/json",
        host: new URL(url).host,
        "x-zc-action": action,
        "x-zc-version": VERSIONS[service],
        "x-zc-service": service,
        "x-zc-timestamp": String(Math.floor(ctx.clock.now() / 1000)),
        "x-zc-signature-method": ZC2_ALGORITHM,
      };
      const { accessKeyId, secretAccessKey } = ctx.credentials;
      headers.authorization = signZc2({ method: "POST", headers, body }, accessKeyId, secretAccessKey, headers["x-zc-timestamp"]);
      return { method: "POST", url, headers, body };
    },
    parse(res) {
      if (res.status !== 200) throw errorOf(action, res);
      const answer = parseJson("zenlayer", action, res) as { response?: unknown } | null;
      const response = answer?.response;
      if (typeof response !== "object" || response === null || Array.isArray(response)) {
        throw malformed(action, res, "has no `response` object");
      }
      return read(response as Record<string, unknown>);
    },
  };
}

/** call sends one API 2.0 call through the context (rate limit, retries, a fresh signature each attempt). */
export function call<T>(ctx: DriverContext, service: ZenlayerService, action: string, params: Record<string, unknown>, read: (r: Record<string, unknown>) => T): Promise<T> {
  return ctx.send(zenlayerCall(ctx, service, action, params, read));
}

/** tagList is the wire form of tags: a list of key and value pairs. */
export function tagList(tags: Record<string, string>): Array<{ key: string; value: string }> {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

/** zenlayerCredentials reads the access key pair from the environment variables Zenlayer's tools use. */
export async function zenlayerCredentials(): Promise<Credentials | undefined> {
  const accessKeyId = process.env[zenlayerManifest.credentialVariables.accessKey];
  const secretAccessKey = process.env[zenlayerManifest.credentialVariables.secretKey];
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}
