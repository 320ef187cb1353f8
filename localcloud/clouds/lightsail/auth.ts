import { randomBytes } from "crypto";
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../../emulator";
import { parseAmzDate, parseAuthorization, signatureFor, signaturesEqual } from "../../../signing/sigv4";
import { regions } from "./catalog";
import { LightsailError } from "./errors";
import { renderStsCredentials, renderStsError } from "./wire";

/** MAX_SKEW_MS is how far a request's date may be from the server's clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * authenticate verifies a SigV4-signed Lightsail request the way the AWS front door does: the key must be known,
 * the date within 15 minutes, the scope this service and a Lightsail region, and the signature recomputed over
 * exactly the headers the request names must match; a key issued by STS needs its session token. It answers the
 * region of the credential scope. `service` is the SigV4 service name: `lightsail`, or `sts` for STS's AssumeRole.
 */
export function authenticate(
  req: EmulatorRequest,
  credentials: ReadonlyMap<string, string>,
  now: number,
  service = "lightsail",
  tokens: ReadonlyMap<string, string> = new Map(),
): { region: string } {
  const header = req.headers.authorization;
  if (!header) throw new LightsailError("MissingAuthenticationTokenException", "Missing Authentication Token");
  const auth = parseAuthorization(header);
  if (!auth) {
    throw new LightsailError(
      "IncompleteSignature",
      "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters, with the AWS4-HMAC-SHA256 algorithm.",
    );
  }
  const secret = credentials.get(auth.accessKeyId);
  if (secret === undefined) throw new LightsailError("UnrecognizedClientException", "The security token included in the request is invalid.");
  const token = tokens.get(auth.accessKeyId);
  if (token !== undefined && req.headers["x-amz-security-token"] !== token) {
    throw new LightsailError("UnrecognizedClientException", "The security token included in the request is invalid.");
  }
  const dateText = checkDate(req, now);
  checkScope(auth, dateText, service);
  const expected = signatureFor(
    { method: req.method, path: req.path, query: req.rawQuery, headers: req.headers, body: req.body },
    secret,
    auth.signedHeaders,
    dateText,
    auth.region,
    auth.service,
  );
  if (!signaturesEqual(expected, auth.signature)) {
    throw new LightsailError(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
  }
  return { region: auth.region };
}

/** checkDate reads `X-Amz-Date` and refuses one more than 15 minutes from the server's clock. */
function checkDate(req: EmulatorRequest, now: number): string {
  const dateText = req.headers["x-amz-date"];
  const date = dateText ? parseAmzDate(dateText) : undefined;
  if (!dateText || !date) {
    throw new LightsailError("IncompleteSignature", "Authorization header requires existence of a valid 'X-Amz-Date' header.");
  }
  if (Math.abs(now - date.getTime()) > MAX_SKEW_MS) {
    throw new LightsailError(
      "RequestExpired",
      `Request has expired: the request date ${dateText} is more than 15 minutes from the server time ${new Date(now).toISOString()}.`,
    );
  }
  return dateText;
}

/** checkScope requires a signed host and a credential scope of the request's date, this service and a Lightsail region. */
function checkScope(auth: NonNullable<ReturnType<typeof parseAuthorization>>, dateText: string, service: string): void {
  if (!auth.signedHeaders.includes("host")) {
    throw new LightsailError("IncompleteSignature", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (auth.dateStamp !== dateText.slice(0, 8)) {
    throw new LightsailError("SignatureDoesNotMatch", `Credential should be scoped to a valid date: ${dateText.slice(0, 8)}.`);
  }
  if (auth.service !== service) {
    throw new LightsailError("SignatureDoesNotMatch", `Credential should be scoped to correct service: '${service}'.`);
  }
  if (!regions.some((r) => r.name === auth.region)) {
    throw new LightsailError("SignatureDoesNotMatch", `Credential should be scoped to a valid region, not '${auth.region}'.`);
  }
}

/** regionOf is the region of an already authenticated request's credential scope. */
export function regionOf(req: EmulatorRequest): string {
  return parseAuthorization(req.headers.authorization ?? "")?.region ?? "";
}

/*
 * A minimal AWS STS beside Lightsail, so that AWS credential chains (assume-role profiles, web identity) can be
 * tested offline: AssumeRole (SigV4 verified, scope `sts`) and AssumeRoleWithWebIdentity (unsigned, as in AWS).
 * Issued keys join the server's known keys with their session token, which Lightsail then requires.
 */

const STS_OPERATIONS = new Set(["AssumeRole", "AssumeRoleWithWebIdentity"]);
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const STS_DURATION_S = 3600;

/** stsOperationOf names the STS action of a query-protocol request (`POST /`, form body), or undefined. */
export function stsOperationOf(req: EmulatorRequest): string | undefined {
  if (req.method !== "POST" || req.path !== "/" || !(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return undefined;
  const action = new URLSearchParams(req.body).get("Action") ?? "";
  return STS_OPERATIONS.has(action) ? action : undefined;
}

/** StsTokens are the session tokens of issued keys: a key issued with a token is only valid with it. */
export type StsTokens = Map<string, string>;

/** stsCaller checks who may call an STS action: AssumeRole is signed, AssumeRoleWithWebIdentity carries a token. */
function stsCaller(ctx: EmulatorContext, tokens: StsTokens, req: EmulatorRequest, op: string, params: URLSearchParams, requestId: string): EmulatorResponse | undefined {
  if (op === "AssumeRole") {
    try {
      authenticate(req, ctx.credentials, ctx.now(), "sts", tokens);
    } catch (err) {
      if (err instanceof LightsailError) return renderStsError(403, err.type, err.message, requestId);
      throw err;
    }
  } else if (!params.get("WebIdentityToken")) {
    return renderStsError(400, "InvalidIdentityToken", "The web identity token is missing.", requestId);
  }
  return undefined;
}

/** handleSts answers one STS action, issuing a fresh key, secret and session token valid for an hour. */
export function handleSts(ctx: EmulatorContext, tokens: StsTokens, req: EmulatorRequest, op: string): EmulatorResponse {
  const requestId = ctx.requestId();
  const params = new URLSearchParams(req.body);
  const refused = stsCaller(ctx, tokens, req, op, params, requestId);
  if (refused) return refused;
  const roleArn = params.get("RoleArn") ?? "";
  const session = params.get("RoleSessionName") ?? "";
  if (!ROLE_ARN.test(roleArn)) return renderStsError(400, "ValidationError", `1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint`, requestId);
  if (!SESSION_NAME.test(session)) return renderStsError(400, "ValidationError", `1 validation error detected: Value '${session}' at 'roleSessionName' failed to satisfy constraint`, requestId);
  const accessKeyId = `ASIA${randomBytes(8).toString("hex").toUpperCase()}`;
  const secret = randomBytes(30).toString("base64");
  const token = randomBytes(48).toString("base64");
  ctx.credentials.set(accessKeyId, secret);
  tokens.set(accessKeyId, token);
  const expiration = new Date(ctx.now() + STS_DURATION_S * 1000).toISOString();
  return renderStsCredentials(op, { accessKeyId, secret, token, expiration, roleArn, session }, requestId);
}
