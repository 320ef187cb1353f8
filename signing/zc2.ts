import { createHash, createHmac } from "crypto";

/** ZC2_ALGORITHM is the signature method Zenlayer Cloud API 2.0 names in `X-ZC-Signature-Method`. */
export const ZC2_ALGORITHM = "ZC2-HMAC-SHA256";

/** ZC2_SIGNED_HEADERS are the headers every official SDK signs. */
export const ZC2_SIGNED_HEADERS = ["content-type", "host"];

/** Zc2Request is what a ZC2 signature covers: the method, the headers (any case) and the exact body. */
export interface Zc2Request {
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** Zc2Authorization is a parsed `Authorization` header. */
export interface Zc2Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

/**
 * zc2CanonicalRequest builds the canonical request over the named headers. The URI is literally `/` and the query
 * empty whatever the real path is: that is how Zenlayer's SDKs sign. Header values are taken exactly as sent.
 */
export function zc2CanonicalRequest(req: Zc2Request, signedHeaders: string[] = ZC2_SIGNED_HEADERS): string {
  const names = signedHeaders.map((h) => h.toLowerCase());
  const canonicalHeaders = names.map((h) => `${h}:${headerValue(req.headers, h) ?? ""}\n`).join("");
  return [req.method.toUpperCase(), "/", "", canonicalHeaders, names.join(";"), sha256Hex(req.body)].join("\n");
}

/** zc2StringToSign is the algorithm, the `X-ZC-Timestamp` (Unix seconds) and the hash of the canonical request. */
export function zc2StringToSign(timestamp: string, canonicalRequest: string): string {
  return `${ZC2_ALGORITHM}\n${timestamp}\n${sha256Hex(canonicalRequest)}`;
}

/** zc2Signature is the hex HMAC-SHA256 of the string to sign under the access key password (no key derivation). */
export function zc2Signature(accessKeyPassword: string, stringToSign: string): string {
  return createHmac("sha256", Buffer.from(accessKeyPassword, "utf8")).update(stringToSign, "utf8").digest("hex");
}

/** zc2AuthorizationHeader renders the `Authorization` value. */
export function zc2AuthorizationHeader(auth: Zc2Authorization): string {
  return `${ZC2_ALGORITHM} Credential=${auth.accessKeyId}, SignedHeaders=${auth.signedHeaders.join(";")}, Signature=${auth.signature}`;
}

/** parseZc2Authorization reads an `Authorization` value; undefined when it is not a well-formed ZC2 header. */
export function parseZc2Authorization(value: string | undefined): Zc2Authorization | undefined {
  if (!value) return undefined;
  const m = /^ZC2-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/i.exec(value.trim());
  if (!m) return undefined;
  return { accessKeyId: m[1], signedHeaders: m[2].toLowerCase().split(";").filter(Boolean), signature: m[3].toLowerCase() };
}

/** signZc2 computes the `Authorization` value for a request signed at `timestamp` over the standard headers. */
export function signZc2(req: Zc2Request, accessKeyId: string, accessKeyPassword: string, timestamp: string): string {
  const signature = zc2Signature(accessKeyPassword, zc2StringToSign(timestamp, zc2CanonicalRequest(req)));
  return zc2AuthorizationHeader({ accessKeyId, signedHeaders: ZC2_SIGNED_HEADERS, signature });
}
