import { parseZc2Authorization, ZC2_ALGORITHM, zc2CanonicalRequest, zc2Signature, zc2StringToSign } from "../../../signing/zc2";
import type { EmulatorRequest } from "../../emulator";
import { ZenlayerError } from "./errors";

/** MAX_SKEW_SECONDS bounds the distance between X-ZC-Timestamp and the server clock (undocumented by Zenlayer). */
export const MAX_SKEW_SECONDS = 300;

// Zenlayer publishes no authentication error codes; these UPPER_SNAKE codes with HTTP 401 are plausible stand-ins.
function denied(code: string, message: string): ZenlayerError {
  return new ZenlayerError(401, code, message);
}

/**
 * verifyZc2 checks a request's ZC2-HMAC-SHA256 signature over exactly the headers its SignedHeaders names (which
 * must include host), its timestamp against the clock, and its access key. Returns the refusal, or undefined.
 */
export function verifyZc2(req: EmulatorRequest, credentials: ReadonlyMap<string, string>, nowMs: number): ZenlayerError | undefined {
  const auth = parseZc2Authorization(req.headers["authorization"]);
  if (!auth) return denied("INVALID_AUTHORIZATION", "The Authorization header is missing or is not a ZC2-HMAC-SHA256 signature.");
  if ((req.headers["x-zc-signature-method"] ?? ZC2_ALGORITHM) !== ZC2_ALGORITHM) {
    return denied("INVALID_AUTHORIZATION", `X-ZC-Signature-Method must be ${ZC2_ALGORITHM}.`);
  }
  if (!auth.signedHeaders.includes("host")) return denied("INVALID_AUTHORIZATION", "SignedHeaders must include host.");
  const missingHeader = auth.signedHeaders.find((h) => req.headers[h] === undefined);
  if (missingHeader) return denied("INVALID_AUTHORIZATION", `The signed header ${missingHeader} is not in the request.`);
  const timestamp = req.headers["x-zc-timestamp"] ?? "";
  if (!/^\d+$/.test(timestamp)) return denied("INVALID_TIMESTAMP", "X-ZC-Timestamp must be Unix seconds.");
  if (Math.abs(Number(timestamp) - nowMs / 1000) > MAX_SKEW_SECONDS) {
    return denied("INVALID_TIMESTAMP", `X-ZC-Timestamp is more than ${MAX_SKEW_SECONDS} seconds away from the server time.`);
  }
  const secret = credentials.get(auth.accessKeyId);
  if (secret === undefined) return denied("INVALID_ACCESS_KEY", "The access key id does not exist.");
  const canonical = zc2CanonicalRequest({ method: req.method, headers: req.headers, body: req.body }, auth.signedHeaders);
  if (zc2Signature(secret, zc2StringToSign(timestamp, canonical)) !== auth.signature) {
    return denied("INVALID_SIGNATURE", "The request signature does not match the signature computed with your access key password.");
  }
  return undefined;
}
