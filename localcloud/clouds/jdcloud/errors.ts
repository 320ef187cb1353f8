/**
 * JdError is one coc-vm error as data: the HTTP status (also the envelope's integer `code`), the status string and
 * the message. The model throws it; the wire layer renders it in the one error envelope.
 */
export class JdError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
    this.name = "JdError";
  }
}

/** invalidArgument is 400 INVALID_ARGUMENT: a malformed or missing parameter. */
export const invalidArgument = (message: string): JdError => new JdError(400, "INVALID_ARGUMENT", message);
/** outOfRange is 400 OUT_OF_RANGE: a number outside its documented range. */
export const outOfRange = (message: string): JdError => new JdError(400, "OUT_OF_RANGE", message);
/** failedPrecondition is 400 FAILED_PRECONDITION: valid, but not possible in the current state. */
export const failedPrecondition = (message: string): JdError => new JdError(400, "FAILED_PRECONDITION", message);
/** notFound is 404 NOT_FOUND, e.g. "Instance 'x' not found.". */
export const notFound = (message: string): JdError => new JdError(404, "NOT_FOUND", message);
/** conflict is 409 CONFLICT. */
export const conflict = (message: string): JdError => new JdError(409, "CONFLICT", message);
/** quotaExceeded is 429 QUOTA_EXCEEDED: the instance quota (not throttling). */
export const quotaExceeded = (): JdError => new JdError(429, "QUOTA_EXCEEDED", "Instance quota limit exceeded");
/** rateLimitExceeded is 429 RATE_LIMIT_EXCEEDED: throttling. */
export const rateLimitExceeded = (): JdError => new JdError(429, "RATE_LIMIT_EXCEEDED", "Request rate limit exceeded, please retry later");
/** tooLarge is 413 REQUEST_ENTITY_TOO_LARGE: a body over the gateway's size limit. */
export const tooLarge = (limit: number): JdError => new JdError(413, "REQUEST_ENTITY_TOO_LARGE", `Request body exceeds ${limit} bytes`);
/** internal is 500 INTERNAL. */
export const internal = (): JdError => new JdError(500, "INTERNAL", "Internal server error");
