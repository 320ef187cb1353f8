import type { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { DriverContext } from "../../core/driver";
import { CloudError } from "../../core/errors";
import { parseJson, type ApiCall, type HttpResponse } from "../../core/transport";
import { signSigV4 } from "../../../signing/sigv4";
import { throttlingCodes, transientCodes } from "./errors";
import type { Credentials } from "../../core/types";

/** TARGET_PREFIX starts the `X-Amz-Target` header of every Lightsail call. */
const TARGET_PREFIX = "Lightsail_20161128.";

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

/** IMDS_TIMEOUT_MS bounds the instance-metadata step, so that a machine that is no EC2 instance fails fast. */
const IMDS_TIMEOUT_MS = 1000;

/**
 * quiet drops the chain's advice to set either AWS_PROFILE or the key variables: a profile chosen for an account
 * (`lightfleet:lightsailProfile`) is meant to win over the keys of the environment.
 */
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The variables that change what the chain finds; a provider is kept per combination, so its cache stays valid. */
const CHAIN_VARIABLES = [
  "AWS_PROFILE",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
  "AWS_ENDPOINT_URL_STS",
  "HOME",
];

const chains = new Map<string, ReturnType<typeof fromNodeProviderChain>>();

/**
 * awsCredentials resolves AWS credentials through the AWS SDK's default chain, as the AWS CLI and pulumi-aws do:
 * AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, SSO, the shared config and credentials files
 * (AWS_PROFILE or `profile`, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE) with assume-role, `credential_process`
 * and web identity profiles, AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN, then the ECS and EC2 metadata
 * services. The chain caches temporary credentials and refreshes them before they expire. Undefined when no
 * source has credentials; a source that is configured but fails (a role that cannot be assumed) throws.
 */
export async function awsCredentials(profile?: string): Promise<Credentials | undefined> {
  const key = JSON.stringify([profile, ...CHAIN_VARIABLES.map((v) => process.env[v])]);
  let chain = chains.get(key);
  if (!chain) {
    // Loaded on first use: the AWS SDK's chain takes about half a second of CPU to load, which every engine operation
    // paid in its provider process, Lightsail resources or none.
    const { fromNodeProviderChain } = await import("@aws-sdk/credential-providers");
    // Another call may have made the chain while this one loaded the module: one chain a key, so one cache.
    chain = chains.get(key) ?? fromNodeProviderChain({ ...(profile ? { profile } : {}), timeout: IMDS_TIMEOUT_MS, maxRetries: 0, logger: quiet });
    chains.set(key, chain);
  }
  try {
    const c = await chain();
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) };
  } catch (err) {
    // "Could not load credentials from any providers": nothing is configured, which the caller explains.
    if ((err as { name?: string }).name === "CredentialsProviderError" && /any providers/.test(String((err as Error).message))) return undefined;
    throw err;
  }
}
