/**
 * LighthouseApiError is one Tencent Cloud API 3.0 error as data: the code and message the wire layer renders into
 * `{"Response":{"Error":{...}}}`. The state model throws it; nothing else knows the envelope.
 */
export class LighthouseApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "LighthouseApiError";
  }
}

/** apiError builds a LighthouseApiError (shorter at the many throw sites). */
export function apiError(code: string, message: string): LighthouseApiError {
  return new LighthouseApiError(code, message);
}
