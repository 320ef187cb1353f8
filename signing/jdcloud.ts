import { createHash, createHmac } from "crypto";

/**
 * JD Cloud OpenAPI request signing (JDCLOUD2-HMAC-SHA256 and JDCLOUD3-HMAC-SHA256), as pure functions shared by the
 * provider's client and localcloud's verifier. The canonicalisation follows the official SDK signers byte for byte,
 * including their quirks: `+` in a path or query decodes to a space, and a query key without `=` is not signed.
 */

/** JdcloudVersion names the signature generation: the Go SDK signs JDCLOUD2, the Python SDK JDCLOUD3. */
export type JdcloudVersion = "JDCLOUD2" | "JDCLOUD3";

/** JDCLOUD_DATE_HEADER carries the signing time, `YYYYMMDDTHHMMSSZ` in UTC. */
export const JDCLOUD_DATE_HEADER = "x-jdcloud-date";
/** JDCLOUD_NONCE_HEADER carries a fresh random value per request (a UUID). */
export const JDCLOUD_NONCE_HEADER = "x-jdcloud-nonce";
/** JDCLOUD_TOKEN_HEADER carries a temporary credential's session token. */
export const JDCLOUD_TOKEN_HEADER = "x-jdcloud-security-token";

/** Headers the SDKs never sign, because proxies and clients rewrite them. */
const unsignedHeaders = new Set(["authorization", "user-agent"]);

/** jdcloudDate formats a time as the `x-jdcloud-date` header wants it. */
export function jdcloudDate(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** decodeComponent percent-decodes like the SDKs (`+` is a space; malformed escapes stay as they are). */
export function decodeComponent(text: string): string {
  const s = text.replace(/\+/g, " ");
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    if (s[i] === "%" && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const ch = String.fromCodePoint(s.codePointAt(i) as number);
      bytes.push(...Buffer.from(ch, "utf8"));
      i += ch.length;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** encodeComponent percent-encodes every UTF-8 byte except `A-Z a-z 0-9 - _ . ~` (and `/` when keepSlash). */
export function encodeComponent(text: string, keepSlash = false): string {
  let out = "";
  for (const b of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === "/")) out += c;
    else out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** canonicalUri decodes the path, collapses repeated slashes and re-encodes it, keeping `/`. */
export function canonicalUri(path: string): string {
  const decoded = decodeComponent(path).replace(/\/+/g, "/");
  if (decoded === "") return "/";
  const encoded = encodeComponent(decoded, true);
  return encoded.startsWith("/") ? encoded : `/${encoded}`;
}

/** canonicalQuery re-encodes each `k=v` pair and sorts by name then value; pairs without `=` or a name are left out. */
export function canonicalQuery(rawQuery: string): string {
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split("&")) {
    const eq = part.indexOf("=");
    if (part === "" || eq < 0) continue;
    const key = encodeComponent(decodeComponent(part.slice(0, eq)));
    if (key === "") continue;
    pairs.push([key, encodeComponent(decodeComponent(part.slice(eq + 1)))]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

/** defaultSignedHeaders is what the SDKs sign: every header given except authorization and user-agent, sorted. */
export function defaultSignedHeaders(headers: Record<string, string>): string[] {
  return [...new Set(Object.keys(headers).map((k) => k.toLowerCase()))].filter((k) => !unsignedHeaders.has(k)).sort();
}

/** canonicalHeaders renders `name:trimmed-value\n` for each signed header, in the order given. */
export function canonicalHeaders(headers: Record<string, string>, signedHeaders: string[]): string {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  return signedHeaders.map((name) => `${name}:${(lower[name] ?? "").trim()}\n`).join("");
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function hmac(key: Buffer | string, text: string): Buffer {
  return createHmac("sha256", key).update(text, "utf8").digest();
}

/** signingKey derives the per-day, per-region, per-service key from the secret. */
export function signingKey(version: JdcloudVersion, secret: string, day: string, region: string, service: string): Buffer {
  const kDate = hmac(`${version}${secret}`, day);
  return hmac(hmac(hmac(kDate, region), service), `${version.toLowerCase()}_request`);
}

/** JdcloudSigningInput is everything a signature covers. */
export interface JdcloudSigningInput {
  version: JdcloudVersion;
  method: string;
  /** The path as sent, e.g. `/v1/regions/cn-north-1/instances/i-abc:startInstance`. */
  path: string;
  /** The query as sent, without `?`. */
  rawQuery: string;
  /** Request headers by name; must hold `host` (with `:port` unless 80/443) and `x-jdcloud-date`. */
  headers: Record<string, string>;
  /** The headers to sign, lower-case; defaults to every header but authorization and user-agent. */
  signedHeaders?: string[];
  body: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

/** JdcloudSignature is a computed signature and the intermediate strings (for debugging a mismatch). */
export interface JdcloudSignature {
  authorization: string;
  signature: string;
  signedHeaders: string[];
  scope: string;
  canonicalRequest: string;
  stringToSign: string;
}

/** signJdcloud computes the Authorization header of a request whose date and nonce headers are already set. */
export function signJdcloud(input: JdcloudSigningInput): JdcloudSignature {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) lower[k.toLowerCase()] = v;
  const date = lower[JDCLOUD_DATE_HEADER] ?? "";
  const day = date.slice(0, 8);
  const signedHeaders = (input.signedHeaders ?? defaultSignedHeaders(lower)).map((h) => h.toLowerCase()).sort();
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQuery(input.rawQuery),
    canonicalHeaders(lower, signedHeaders),
    signedHeaders.join(";"),
    sha256Hex(input.body),
  ].join("\n");
  const scope = `${day}/${input.region}/${input.service}/${input.version.toLowerCase()}_request`;
  const algorithm = `${input.version}-HMAC-SHA256`;
  const stringToSign = [algorithm, date, scope, sha256Hex(canonicalRequest)].join("\n");
  const key = signingKey(input.version, input.secretAccessKey, day, input.region, input.service);
  const signature = createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
  const authorization = `${algorithm} Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`;
  return { authorization, signature, signedHeaders, scope, canonicalRequest, stringToSign };
}

/** ParsedAuthorization is an Authorization header taken apart. */
export interface ParsedAuthorization {
  version: JdcloudVersion;
  accessKeyId: string;
  day: string;
  region: string;
  service: string;
  /** `jdcloud2_request` or `jdcloud3_request`, as the client wrote it. */
  terminator: string;
  signedHeaders: string[];
  signature: string;
}

/** parseJdcloudAuthorization reads `JDCLOUDn-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`, or undefined. */
export function parseJdcloudAuthorization(header: string): ParsedAuthorization | undefined {
  const m = /^(JDCLOUD[23])-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
    header.trim(),
  );
  if (!m) return undefined;
  const scope = m[2].split("/");
  if (scope.length !== 5 || scope.some((s) => s === "")) return undefined;
  return {
    version: m[1] as JdcloudVersion,
    accessKeyId: scope[0],
    day: scope[1],
    region: scope[2],
    service: scope[3],
    terminator: scope[4],
    signedHeaders: m[3].split(";"),
    signature: m[4],
  };
}
