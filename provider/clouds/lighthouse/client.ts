import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { DriverContext } from "../../core/driver";
import type { ApiCall, HttpResponse } from "../../core/transport";
import { parseJson } from "../../core/transport";
import { CloudError } from "../../core/errors";
import { signTc3 } from "../../../signing/tc3";
import { RETRYABLE, THROTTLE } from "./errors";
import type { LighthouseInstanceArgs } from "./schema";
import type { Credentials } from "../../core/types";

/** TencentService is a Tencent Cloud API 3.0 service the driver calls: Lighthouse itself, and Tag for tag updates. */
export type TencentService = "lighthouse" | "tag";

/** API versions of the services. */
const VERSIONS: Record<TencentService, string> = { lighthouse: "2020-03-24", tag: "2018-08-13" };

/** TencentRequest is one action: its service, parameters and how to read the `Response` object. */
export interface TencentRequest<T> {
  service: TencentService;
  action: string;
  params: Record<string, unknown>;
  /** Sent as X-TC-Region; the Tag service is global and takes none. */
  region?: string;
  parse(response: Record<string, unknown>): T;
}

/**
 * serviceUrl is where a service lives. On Tencent's own hosts the service is the host's first label
 * (lighthouse.tencentcloudapi.com -> tag.tencentcloudapi.com); any other endpoint (localcloud, a private gateway)
 * serves every service at the one URL, which tells them apart by the signature's credential scope.
 */
export function serviceUrl(endpoint: string, service: TencentService): URL {
  const url = new URL(endpoint);
  if (url.hostname.startsWith("lighthouse.")) url.hostname = `${service}.${url.hostname.slice("lighthouse.".length)}`;
  if (url.pathname === "") url.pathname = "/";
  return url;
}

/** malformed is the error for an answer that is not what the API documents. */
export function malformed(operation: string, message: string, requestId?: string): CloudError {
  return new CloudError({ cloud: "lighthouse", operation, code: "MalformedResponse", message, requestId });
}

function readResponse<T>(req: TencentRequest<T>, res: HttpResponse): T {
  if (res.status !== 200) {
    throw new CloudError({
      cloud: "lighthouse",
      operation: req.action,
      code: `HTTP${res.status}`,
      message: `the API answered HTTP ${res.status} (API 3.0 answers every call with 200): ${res.body.slice(0, 120)}`,
      httpStatus: res.status,
      retryable: res.status >= 500 || res.status === 429,
      throttled: res.status === 429,
    });
  }
  const json = parseJson("lighthouse", req.action, res) as { Response?: unknown };
  const response = json && typeof json === "object" ? json.Response : undefined;
  if (!response || typeof response !== "object") throw malformed(req.action, "the answer has no Response object");
  const r = response as Record<string, unknown>;
  const requestId = typeof r.RequestId === "string" ? r.RequestId : undefined;
  if (r.Error !== undefined) {
    const e = (r.Error ?? {}) as { Code?: unknown; Message?: unknown };
    const code = typeof e.Code === "string" ? e.Code : "UnknownError";
    throw new CloudError({
      cloud: "lighthouse",
      operation: req.action,
      code,
      message: typeof e.Message === "string" ? e.Message : "(no message)",
      requestId,
      httpStatus: res.status,
      retryable: RETRYABLE.test(code),
      throttled: THROTTLE.test(code),
    });
  }
  return req.parse(r);
}

/**
 * tencentCall builds an ApiCall for one API 3.0 action, signed afresh with TC3-HMAC-SHA256 on every attempt. The
 * signing service comes from the action's family, never from the endpoint's host, so a localcloud URL such as
 * http://127.0.0.1:4600 still signs for `lighthouse` or `tag`. The host is signed without its port, as the official
 * Node SDK does.
 */
export function tencentCall<T>(ctx: DriverContext, req: TencentRequest<T>): ApiCall<T> {
  return {
    cloud: "lighthouse",
    operation: req.action,
    dryRun: req.params.DryRun === true,
    build() {
      const url = serviceUrl(ctx.endpoint, req.service);
      const body = JSON.stringify(req.params);
      const timestamp = Math.floor(ctx.clock.now() / 1000);
      const { authorization } = signTc3({
        secretId: ctx.credentials.accessKeyId,
        secretKey: ctx.credentials.secretAccessKey,
        service: req.service,
        timestamp,
        method: "POST",
        path: url.pathname,
        query: "",
        headers: { "content-type": "application/json", host: url.hostname },
        payload: body,
      });
      const headers: Record<string, string> = {
        "Content-Type": "application/json",
        "X-TC-Action": req.action,
        "X-TC-Version": VERSIONS[req.service],
        "X-TC-Timestamp": String(timestamp),
        "X-TC-RequestClient": "lightfleet",
        Authorization: authorization,
      };
      if (req.region) headers["X-TC-Region"] = req.region;
      if (ctx.credentials.sessionToken) headers["X-TC-Token"] = ctx.credentials.sessionToken;
      return { method: "POST", url: url.toString(), headers, body };
    },
    parse: (res) => readResponse(req, res),
  };
}

/** lighthouseCall is a Lighthouse action in the context's region. */
export function lighthouseCall<T>(
  ctx: DriverContext,
  action: string,
  params: Record<string, unknown>,
  parse: (response: Record<string, unknown>) => T,
): Promise<T> {
  return ctx.send(tencentCall(ctx, { service: "lighthouse", action, params, region: ctx.region, parse }));
}
/** tagValue keeps an ownership tag value within Tencent's tag character set and length. */
export function tagValue(v: string): string {
  return v.replace(/[^\p{L}\p{N} +\-=._:/@]/gu, "_").slice(0, 255) || "_";
}

/** createParams maps the inputs to the body of CreateInstances, for a launch and its dry run alike. */
export function createParams(args: LighthouseInstanceArgs, count: number, tags: Record<string, string>): Record<string, unknown> {
  const p: Record<string, unknown> = {
    BundleId: args.bundleId,
    BlueprintId: args.blueprintId,
    InstanceChargePrepaid: {
      Period: args.instanceChargePrepaid.period,
      RenewFlag: args.instanceChargePrepaid.renewFlag ?? "NOTIFY_AND_MANUAL_RENEW",
    },
    InstanceCount: count,
  };
  if (args.instanceName !== undefined) p.InstanceName = args.instanceName;
  if (args.zones?.length) p.Zones = args.zones;
  const login = args.loginConfiguration;
  if (login) {
    p.LoginConfiguration = {
      ...(login.autoGeneratePassword !== undefined && { AutoGeneratePassword: login.autoGeneratePassword }),
      ...(login.password !== undefined && { Password: login.password }),
      ...(login.keyIds !== undefined && { KeyIds: login.keyIds }),
    };
  }
  if (args.containers?.length) {
    p.Containers = args.containers.map((c) => ({
      ContainerImage: c.containerImage,
      ...(c.containerName !== undefined && { ContainerName: c.containerName }),
      ...(c.envs && { Envs: c.envs.map((e) => ({ Key: e.key, Value: e.value })) }),
      ...(c.publishPorts && {
        PublishPorts: c.publishPorts.map((pp) => ({
          HostPort: pp.hostPort,
          ContainerPort: pp.containerPort,
          ...(pp.ip !== undefined && { Ip: pp.ip }),
          ...(pp.protocol !== undefined && { Protocol: pp.protocol }),
        })),
      }),
      ...(c.volumes && { Volumes: c.volumes.map((v) => ({ ContainerPath: v.containerPath, ...(v.hostPath !== undefined && { HostPath: v.hostPath }) })) }),
      ...(c.command !== undefined && { Command: c.command }),
      ...(c.restartPolicy !== undefined && { RestartPolicy: c.restartPolicy }),
    }));
  }
  if (args.autoVoucher) p.AutoVoucher = true;
  if (args.firewallTemplateId !== undefined) p.FirewallTemplateId = args.firewallTemplateId;
  const tagList = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  if (tagList.length > 0) p.Tags = tagList;
  return p;
}

/**
 * tencentCredentials finds Tencent Cloud keys as the Tencent SDKs, TCCLI and the Terraform provider do:
 * TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY with TENCENTCLOUD_SECURITY_TOKEN for temporary keys (the
 * Node SDK's TENCENTCLOUD_SESSION_TOKEN is read too), else the TCCLI profile file `~/.tccli/<profile>.credential`
 * (JSON with secretId, secretKey and token), the profile being `profile`, TENCENTCLOUD_PROFILE or `default`.
 */
export async function tencentCredentials(profile?: string): Promise<Credentials | undefined> {
  const env = process.env;
  if (!profile && env.TENCENTCLOUD_SECRET_ID && env.TENCENTCLOUD_SECRET_KEY) {
    return {
      accessKeyId: env.TENCENTCLOUD_SECRET_ID,
      secretAccessKey: env.TENCENTCLOUD_SECRET_KEY,
      sessionToken: env.TENCENTCLOUD_SECURITY_TOKEN || env.TENCENTCLOUD_SESSION_TOKEN || undefined,
    };
  }
  const name = profile || env.TENCENTCLOUD_PROFILE || "default";
  const file = path.join(env.HOME || os.homedir(), ".tccli", `${name}.credential`);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  let doc: { secretId?: unknown; secretKey?: unknown; token?: unknown };
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error(`the TCCLI profile file of ${JSON.stringify(name)} is not valid JSON`);
  }
  if (typeof doc.secretId !== "string" || typeof doc.secretKey !== "string" || !doc.secretId || !doc.secretKey) return undefined;
  return { accessKeyId: doc.secretId, secretAccessKey: doc.secretKey, sessionToken: typeof doc.token === "string" && doc.token ? doc.token : undefined };
}
