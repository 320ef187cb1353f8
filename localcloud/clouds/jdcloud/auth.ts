import type { EmulatorRequest } from "../../emulator";
import {
  JDCLOUD_DATE_HEADER,
  JDCLOUD_NONCE_HEADER,
  parseJdcloudAuthorization,
  signJdcloud,
} from "../../../signing/jdcloud";
import { JdError } from "./errors";

/** SIGNING_SERVICE is the service name coc-vm requests are signed for. */
export const SIGNING_SERVICE = "coc-vm";
/** MAX_SKEW_MS: JD does not publish its limit; localcloud refuses dates more than five minutes off, as SigV4 does. */
export const MAX_SKEW_MS = 5 * 60_000;

const unauthenticated = (message: string): JdError => new JdError(401, "UNAUTHENTICATED", message);

/**
 * JdVerifier checks a request's JDCLOUD2 or JDCLOUD3 signature over exactly the headers it names, the access key,
 * the clock skew and nonce reuse. A wrong signature gets the gateway's own answer, observed on the wire:
 * 401 ACCESS_ERROR "sign result is not same [gw]"; a replayed nonce gets 403 APIGW_NONCE_CONFLICT.
 */
export class JdVerifier {
  /** Nonces seen recently, with the time after which they may be forgotten. */
  private readonly nonces = new Map<string, number>();

  constructor(
    private readonly credentials: ReadonlyMap<string, string>,
    private readonly now: () => number,
  ) {}

  /** verify returns the error to answer, or undefined when the request is authentic. */
  verify(req: EmulatorRequest): JdError | undefined {
    const header = req.headers["authorization"];
    if (!header) return unauthenticated("Missing Authorization header");
    const auth = parseJdcloudAuthorization(header);
    if (!auth || auth.terminator !== `${auth.version.toLowerCase()}_request`)
      return unauthenticated("Malformed Authorization header: want JDCLOUD2-HMAC-SHA256 Credential=<ak>/<date>/<region>/<service>/jdcloud2_request, SignedHeaders=..., Signature=...");
    const date = req.headers[JDCLOUD_DATE_HEADER];
    const nonce = req.headers[JDCLOUD_NONCE_HEADER];
    if (!date || !/^\d{8}T\d{6}Z$/.test(date)) return unauthenticated("Missing or malformed x-jdcloud-date header (YYYYMMDDTHHMMSSZ)");
    if (!nonce) return unauthenticated("Missing x-jdcloud-nonce header");
    // The Python SDK signs only content-type and host (it adds the date and nonce after signing); the date is bound
    // through the string to sign anyway, so only host is required.
    if (!auth.signedHeaders.includes("host")) return unauthenticated("SignedHeaders must include host");
    const secret = this.credentials.get(auth.accessKeyId);
    if (secret === undefined) return unauthenticated(`Access key '${auth.accessKeyId}' is invalid or disabled`);
    if (auth.day !== date.slice(0, 8)) return unauthenticated("Credential scope date does not match x-jdcloud-date");
    if (auth.service !== SIGNING_SERVICE) return unauthenticated(`Credential scope service '${auth.service}' is not '${SIGNING_SERVICE}'`);
    const at = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8), +date.slice(9, 11), +date.slice(11, 13), +date.slice(13, 15));
    const now = this.now();
    if (Math.abs(now - at) > MAX_SKEW_MS) return unauthenticated(`Request expired: x-jdcloud-date ${date} is more than 5 minutes away from the server time`);
    const expected = signJdcloud({
      version: auth.version,
      method: req.method,
      path: req.path,
      rawQuery: req.rawQuery,
      headers: req.headers,
      signedHeaders: auth.signedHeaders,
      body: req.body,
      accessKeyId: auth.accessKeyId,
      secretAccessKey: secret,
      region: auth.region,
      service: auth.service,
    });
    if (expected.signature !== auth.signature) return new JdError(401, "ACCESS_ERROR", "sign result is not same [gw]");
    if (this.nonces.size > 10_000) for (const [n, until] of this.nonces) if (until < now) this.nonces.delete(n);
    if ((this.nonces.get(nonce) ?? 0) >= now) return new JdError(403, "APIGW_NONCE_CONFLICT", `nonce '${nonce}' has been used [gw]`);
    this.nonces.set(nonce, now + 2 * MAX_SKEW_MS);
    return undefined;
  }
}
