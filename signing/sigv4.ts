import { createHash, createHmac, timingSafeEqual } from "crypto";

/**
 * AWS Signature Version 4 as small pure functions: the provider's client signs with them and localcloud's verifier
 * recomputes with them. Time is always passed in, so the same inputs give the same signature.
 */

/** SIGV4_ALGORITHM is the only algorithm name SigV4 uses. */
export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";

/** SigV4Request is the part of an HTTP request that a signature covers. */
export interface SigV4Request {
  method: string;
  /** The path as sent, e.g. `/`. */
  path: string;
  /** The query string as sent, without `?` (empty for awsJson APIs). */
  query: string;
  /** Header names in any case; a signature covers only those named in its SignedHeaders. */
  headers: Record<string, string>;
  body: string;
}

/** SigV4Credentials are the keys a request is signed with. */
export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** SigV4Scope is where and when a signature is valid. */
export interface SigV4Scope {
  region: string;
  service: string;
  /** The signing time. */
  date: Date;
}

/** ParsedAuthorization is what an `Authorization` header carries. */
export interface ParsedAuthorization {
  accessKeyId: string;
  /** `YYYYMMDD` from the credential scope. */
  dateStamp: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** sha256Hex is the hex SHA-256 of a UTF-8 string. */
export function sha256Hex(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}

/** amzDate formats a time as `YYYYMMDDTHHMMSSZ`, the form of the `x-amz-date` header. */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** parseAmzDate reads `YYYYMMDDTHHMMSSZ` back into a Date, or undefined when malformed. */
export function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** rfc3986 percent-encodes everything but the unreserved characters, as SigV4 requires. */
function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/**
 * canonicalUri percent-encodes each path segment once, whether the path arrives encoded or not, so signer and
 * verifier agree; awsJson APIs such as Lightsail always use `/`.
 */
export function canonicalUri(path: string): string {
  if (path === "") return "/";
  return path
    .split("/")
    .map((seg) => rfc3986(decode(seg)))
    .join("/");
}

/** canonicalQuery sorts the query's parameters by encoded name, then value. */
export function canonicalQuery(query: string): string {
  if (query === "") return "";
  return query
    .split("&")
    .filter((p) => p !== "")
    .map((p) => {
      const i = p.indexOf("=");
      const name = i < 0 ? p : p.slice(0, i);
      const value = i < 0 ? "" : p.slice(i + 1);
      return [rfc3986(decode(name)), rfc3986(decode(value))] as const;
    })
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([n, v]) => `${n}=${v}`)
    .join("&");
}

/** canonicalHeaderValue trims a value and collapses inner runs of spaces. */
function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, " ");
}

function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

/**
 * canonicalRequest builds the canonical request over exactly `signedHeaders` (lower-case, sorted). A header that
 * is named but absent is canonicalised as empty, so the signature simply fails to match.
 */
export function canonicalRequest(req: SigV4Request, signedHeaders: string[], payloadHash: string): string {
  const headers = lowerCaseHeaders(req.headers);
  const names = [...signedHeaders].map((h) => h.toLowerCase()).sort();
  const block = names.map((h) => `${h}:${canonicalHeaderValue(headers[h] ?? "")}\n`).join("");
  return [req.method.toUpperCase(), canonicalUri(req.path), canonicalQuery(req.query), block, names.join(";"), payloadHash].join("\n");
}

/** credentialScope is `YYYYMMDD/region/service/aws4_request`. */
export function credentialScope(dateStamp: string, region: string, service: string): string {
  return `${dateStamp}/${region}/${service}/aws4_request`;
}

/** stringToSign joins the algorithm, the time, the scope and the hash of the canonical request. */
export function stringToSign(amzDateText: string, scope: string, canonical: string): string {
  return [SIGV4_ALGORITHM, amzDateText, scope, sha256Hex(canonical)].join("\n");
}

/** signingKey derives the key for one day, region and service from the secret. */
export function signingKey(secret: string, dateStamp: string, region: string, service: string): Buffer {
  const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, dateStamp), region), service), "aws4_request");
}

/** signatureFor computes the hex signature of a request over the given signed headers at the given time. */
export function signatureFor(
  req: SigV4Request,
  secret: string,
  signedHeaders: string[],
  amzDateText: string,
  region: string,
  service: string,
): string {
  const dateStamp = amzDateText.slice(0, 8);
  const canonical = canonicalRequest(req, signedHeaders, sha256Hex(req.body));
  const toSign = stringToSign(amzDateText, credentialScope(dateStamp, region, service), canonical);
  return createHmac("sha256", signingKey(secret, dateStamp, region, service)).update(toSign, "utf8").digest("hex");
}

/**
 * signSigV4 returns the headers to add to a request so that it is signed: `x-amz-date`, `x-amz-security-token` for
 * temporary credentials, and `authorization`. It signs every header of the request (plus the ones it adds), so the
 * caller must set `host` and the content headers before calling.
 */
export function signSigV4(req: SigV4Request, creds: SigV4Credentials, scope: SigV4Scope): Record<string, string> {
  const date = amzDate(scope.date);
  const added: Record<string, string> = { "x-amz-date": date };
  if (creds.sessionToken) added["x-amz-security-token"] = creds.sessionToken;
  const headers = { ...lowerCaseHeaders(req.headers), ...added };
  const signed = Object.keys(headers).sort();
  const signature = signatureFor({ ...req, headers }, creds.secretAccessKey, signed, date, scope.region, scope.service);
  const credential = `${creds.accessKeyId}/${credentialScope(date.slice(0, 8), scope.region, scope.service)}`;
  added.authorization = `${SIGV4_ALGORITHM} Credential=${credential}, SignedHeaders=${signed.join(";")}, Signature=${signature}`;
  return added;
}

/** parseAuthorization reads a SigV4 `Authorization` header, or returns undefined when it is not one. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${SIGV4_ALGORITHM} `)) return undefined;
  const fields: Record<string, string> = {};
  for (const part of trimmed.slice(SIGV4_ALGORITHM.length).split(",")) {
    const i = part.indexOf("=");
    if (i > 0) fields[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  const cred = fields.Credential?.split("/");
  if (!cred || cred.length !== 5 || cred[4] !== "aws4_request" || !fields.SignedHeaders || !fields.Signature) return undefined;
  return {
    accessKeyId: cred[0],
    dateStamp: cred[1],
    region: cred[2],
    service: cred[3],
    signedHeaders: fields.SignedHeaders.split(";"),
    signature: fields.Signature,
  };
}

/** signaturesEqual compares two hex signatures in constant time. */
export function signaturesEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
