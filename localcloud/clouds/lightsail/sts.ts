import { randomBytes } from "crypto";
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../../emulator";
import { authenticate } from "./auth";
import { LightsailError } from "./errors";

/**
 * A minimal AWS STS beside Lightsail, so that AWS credential chains (assume-role profiles, web identity) can be
 * tested offline: AssumeRole (SigV4 verified, scope `sts`) and AssumeRoleWithWebIdentity (unsigned, as in AWS).
 * Issued keys join the server's known keys with their session token, which Lightsail then requires.
 */

const NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const OPERATIONS = new Set(["AssumeRole", "AssumeRoleWithWebIdentity"]);
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const DURATION_S = 3600;

/** stsOperationOf names the STS action of a query-protocol request (`POST /`, form body), or undefined. */
export function stsOperationOf(req: EmulatorRequest): string | undefined {
  if (req.method !== "POST" || req.path !== "/" || !(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return undefined;
  const action = new URLSearchParams(req.body).get("Action") ?? "";
  return OPERATIONS.has(action) ? action : undefined;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function stsError(status: number, code: string, message: string, requestId: string): EmulatorResponse {
  const body = `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body };
}

/** StsTokens are the session tokens of issued keys: a key issued with a token is only valid with it. */
export type StsTokens = Map<string, string>;

/** handleSts answers one STS action, issuing a fresh key, secret and session token valid for an hour. */
export function handleSts(ctx: EmulatorContext, tokens: StsTokens, req: EmulatorRequest, op: string): EmulatorResponse {
  const requestId = ctx.requestId();
  const params = new URLSearchParams(req.body);
  if (op === "AssumeRole") {
    try {
      authenticate(req, ctx.credentials, ctx.now(), "sts", tokens);
    } catch (err) {
      if (err instanceof LightsailError) return stsError(403, err.type, err.message, requestId);
      throw err;
    }
  } else if (!params.get("WebIdentityToken")) {
    return stsError(400, "InvalidIdentityToken", "The web identity token is missing.", requestId);
  }
  const roleArn = params.get("RoleArn") ?? "";
  const session = params.get("RoleSessionName") ?? "";
  if (!ROLE_ARN.test(roleArn)) return stsError(400, "ValidationError", `1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint`, requestId);
  if (!SESSION_NAME.test(session)) return stsError(400, "ValidationError", `1 validation error detected: Value '${session}' at 'roleSessionName' failed to satisfy constraint`, requestId);
  const accessKeyId = `ASIA${randomBytes(8).toString("hex").toUpperCase()}`;
  const secret = randomBytes(30).toString("base64");
  const token = randomBytes(48).toString("base64");
  ctx.credentials.set(accessKeyId, secret);
  tokens.set(accessKeyId, token);
  const expiration = new Date(ctx.now() + DURATION_S * 1000).toISOString();
  const account = roleArn.split(":")[4];
  const role = roleArn.slice(roleArn.lastIndexOf("/") + 1);
  const body =
    `<${op}Response xmlns="${NS}"><${op}Result>` +
    `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>${secret}</SecretAccessKey><SessionToken>${token}</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
    `<AssumedRoleUser><AssumedRoleId>AROA${accessKeyId.slice(4)}:${xmlEscape(session)}</AssumedRoleId><Arn>arn:aws:sts::${account}:assumed-role/${xmlEscape(role)}/${xmlEscape(session)}</Arn></AssumedRoleUser>` +
    `</${op}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${op}Response>`;
  return { status: 200, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body };
}
