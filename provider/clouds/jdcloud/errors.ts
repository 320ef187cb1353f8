import { isCloudError } from "../../core/errors";

/** Status strings that mean "try again later" besides every 5xx. */
export const THROTTLING = new Set(["RATE_LIMIT_EXCEEDED"]);

/** isNotFound says whether an error means the instance (or an image) does not exist: success for a delete. */
export function isNotFound(err: unknown): boolean {
  return isCloudError(err) && err.code === "NOT_FOUND";
}
