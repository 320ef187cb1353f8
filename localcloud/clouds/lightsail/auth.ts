import type { EmulatorRequest } from "../../emulator";
import { parseAmzDate, parseAuthorization, signatureFor, signaturesEqual } from "../../../signing/sigv4";
import { regions } from "./catalog";
import { LightsailError } from "./errors";

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

/** regionOf is the region of an already authenticated request's credential scope. */
export function regionOf(req: EmulatorRequest): string {
  return parseAuthorization(req.headers.authorization ?? "")?.region ?? "";
}
