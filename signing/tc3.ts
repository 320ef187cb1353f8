import { createHash, createHmac } from "crypto";

/** TC3_ALGORITHM is the only signature algorithm Tencent Cloud API 3.0 accepts in an Authorization header. */
export const TC3_ALGORITHM = "TC3-HMAC-SHA256";

/** Tc3SigningInput is everything a TC3-HMAC-SHA256 signature covers; time is passed in so signing stays pure. */
export interface Tc3SigningInput {
  secretId: string;
  secretKey: string;
  /** The signing service, e.g. `lighthouse` or `tag` (the first label of the service's host). */
  service: string;
  /** Unix seconds, the value of X-TC-Timestamp; its UTC date is the credential scope's date. */
  timestamp: number;
  method: string;
  /** The URI path, `/` for every API 3.0 call. */
  path: string;
  /** The raw query string without `?` (empty for POST). */
  query: string;
  /** The headers to sign, names in any case; their names become SignedHeaders. */
  headers: Record<string, string>;
  /** The exact body bytes, or `UNSIGNED-PAYLOAD` hashed literally when X-TC-Content-SHA256 says so. */
  payload: string | Buffer;
}

/** Tc3Signature is the signature with the intermediate strings a verifier or a failing test wants to see. */
export interface Tc3Signature {
  authorization: string;
  signature: string;
  signedHeaders: string;
  credentialScope: string;
  canonicalRequest: string;
  stringToSign: string;
}

/** Tc3Authorization is a parsed Authorization header. */
export interface Tc3Authorization {
  algorithm: string;
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** tc3Date is the UTC calendar date (YYYY-MM-DD) of a Unix timestamp, as the credential scope uses it. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/**
 * signTc3 computes a TC3-HMAC-SHA256 signature. Canonical headers are lower-cased and trimmed, names and values
 * alike (Tencent's documented canonical form), sorted by name, one `name:value\n` each.
 */
export function signTc3(input: Tc3SigningInput): Tc3Signature {
  const entries = Object.entries(input.headers)
    .map(([k, v]) => [k.trim().toLowerCase(), String(v).trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonicalHeaders = entries.map(([k, v]) => `${k}:${v}\n`).join("");
  const signedHeaders = entries.map(([k]) => k).join(";");
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.path,
    input.query,
    canonicalHeaders,
    signedHeaders,
    sha256Hex(input.payload),
  ].join("\n");
  const date = tc3Date(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [TC3_ALGORITHM, String(input.timestamp), credentialScope, sha256Hex(canonicalRequest)].join("\n");
  const kDate = hmac(`TC3${input.secretKey}`, date);
  const kService = hmac(kDate, input.service);
  const kSigning = hmac(kService, "tc3_request");
  const signature = createHmac("sha256", kSigning).update(stringToSign, "utf8").digest("hex");
  return {
    authorization: `${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    signature,
    signedHeaders,
    credentialScope,
    canonicalRequest,
    stringToSign,
  };
}

/** parseTc3Authorization reads an Authorization header, or returns undefined when it is not in TC3 form. */
export function parseTc3Authorization(header: string | undefined): Tc3Authorization | undefined {
  const m = /^(\S+)\s+Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/,\s]+)\/tc3_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/.exec(
    header ?? "",
  );
  if (!m) return undefined;
  return {
    algorithm: m[1],
    secretId: m[2],
    date: m[3],
    service: m[4],
    signedHeaders: m[5].toLowerCase().split(";"),
    signature: m[6].toLowerCase(),
  };
}
