import { timingSafeEqual } from "crypto";
import type { EmulatorRequest } from "../../emulator";
import { parseTc3Authorization, signTc3, tc3Date, TC3_ALGORITHM } from "../../../signing/tc3";
import { apiError, type LighthouseApiError } from "./errors";

/** MAX_SKEW_SECONDS is how far X-TC-Timestamp may be from the server's clock (Tencent allows five minutes). */
const MAX_SKEW_SECONDS = 300;

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * verifyTc3Request checks a request's TC3-HMAC-SHA256 signature the way the service does: over exactly the headers
 * its SignedHeaders names, with the clock skew and key checks. The Host header is tried as received and, because
 * the official Node SDK signs the host without its port, also without the port. Returns the error to answer, or
 * undefined when the request is authentic.
 */
export function verifyTc3Request(req: EmulatorRequest, credentials: ReadonlyMap<string, string>, nowMs: number): LighthouseApiError | undefined {
  const auth = parseTc3Authorization(req.headers.authorization);
  if (!auth || auth.algorithm !== TC3_ALGORITHM) {
    return apiError("AuthFailure.InvalidAuthorization", `The Authorization header is missing or not in ${TC3_ALGORITHM} form.`);
  }
  const tsText = req.headers["x-tc-timestamp"];
  if (tsText === undefined) return apiError("MissingParameter", "The request is missing a required parameter `Timestamp` (X-TC-Timestamp).");
  if (!/^\d+$/.test(tsText)) return apiError("InvalidParameter", "X-TC-Timestamp must be Unix seconds.");
  const timestamp = Number(tsText);
  if (Math.abs(nowMs / 1000 - timestamp) > MAX_SKEW_SECONDS) {
    return apiError("AuthFailure.SignatureExpire", `The signature expired: X-TC-Timestamp ${timestamp} is more than ${MAX_SKEW_SECONDS} seconds from the server time ${Math.floor(nowMs / 1000)}.`);
  }
  const secret = credentials.get(auth.secretId);
  if (secret === undefined) return apiError("AuthFailure.SecretIdNotFound", "The SecretId is not found; check that it exists and is enabled.");
  if (auth.date !== tc3Date(timestamp)) {
    return apiError("AuthFailure.SignatureFailure", "The credential scope's date does not match the UTC date of X-TC-Timestamp.");
  }
  if (!auth.signedHeaders.includes("content-type") || !auth.signedHeaders.includes("host")) {
    return apiError("AuthFailure.SignatureFailure", "SignedHeaders must include content-type and host.");
  }
  const missing = auth.signedHeaders.filter((h) => req.headers[h] === undefined);
  if (missing.length > 0) return apiError("AuthFailure.SignatureFailure", `The signed headers ${missing.join(", ")} are not in the request.`);

  const host = req.headers.host;
  const hosts = [...new Set([host, host.replace(/:\d+$/, "")])];
  const payload = req.headers["x-tc-content-sha256"] === "UNSIGNED-PAYLOAD" ? "UNSIGNED-PAYLOAD" : req.body;
  for (const candidate of hosts) {
    const headers = Object.fromEntries(auth.signedHeaders.map((h) => [h, h === "host" ? candidate : req.headers[h]]));
    const { signature } = signTc3({
      secretId: auth.secretId,
      secretKey: secret,
      service: auth.service,
      timestamp,
      method: req.method,
      path: req.path,
      query: req.rawQuery,
      headers,
      payload,
    });
    if (sameHex(signature, auth.signature)) return undefined;
  }
  return apiError("AuthFailure.SignatureFailure", "The provided credentials could not be validated: the signature does not match. Check your SecretKey and the signing method.");
}
