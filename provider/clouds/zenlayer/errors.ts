import { isCloudError } from "../../core/errors";

/** Codes worth another attempt besides HTTP 429 and 5xx. */
export const RETRYABLE_CODES = new Set(["REQUEST_LIMIT_EXCEEDED", "SERVICE_TEMPORARY_UNAVAILABLE", "INTERNAL_SERVER_ERROR", "REQUEST_TIMED_OUT"]);

/** NOT_FOUND_CODES are the codes of an instance that no longer exists. */
export const NOT_FOUND_CODES = new Set(["INVALID_INSTANCE_NOT_FOUND"]);

/** isNotFound says whether an error means the instance does not exist (success for a delete). */
export function isNotFound(err: unknown): boolean {
  return isCloudError(err) && NOT_FOUND_CODES.has(err.code);
}

/** isAlreadyTerminated: TerminateInstance on an instance already gone or already in the recycle bin. */
export function isAlreadyTerminated(err: unknown): boolean {
  return isNotFound(err) || (isCloudError(err) && err.code === "OPERATION_DENIED_INSTANCE_RECYCLED");
}

/** isNotReleasable: ReleaseInstances on an instance already released or not (or no longer) in the recycle bin. */
export function isNotReleasable(err: unknown): boolean {
  return isNotFound(err) || (isCloudError(err) && err.code === "OPERATION_DENIED_INSTANCE_NOT_RECYCLED");
}
