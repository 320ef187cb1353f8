/**
 * ZenlayerError is one API error as data: the HTTP status, the UPPER_SNAKE code and a message. The model throws it;
 * the wire layer renders it in the flat `{requestId, code, message}` envelope.
 */
export class ZenlayerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ZenlayerError";
  }
}

/** missing is the answer for an absent required parameter. */
export function missing(name: string): ZenlayerError {
  return new ZenlayerError(400, "MISSING_PARAMETER", `The parameter \`${name}\` is required.`);
}

/** invalid is the answer for a parameter of the wrong type, range or value where the seed names no specific code. */
export function invalid(name: string, rule: string): ZenlayerError {
  return new ZenlayerError(400, "INVALID_PARAMETER_VALUE", `The parameter \`${name}\` ${rule}.`);
}

/** instanceNotFound is the shared not-found answer for instances. */
export function instanceNotFound(id: string): ZenlayerError {
  return new ZenlayerError(404, "INVALID_INSTANCE_NOT_FOUND", `The specified instance \`${id}\` is not found.`);
}
