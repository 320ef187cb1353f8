import { CloudError } from "../../core/errors";

/** throttlingCodes are the AWS error names that mean "slow down"; AWS sends most of them with HTTP 400. */
export const throttlingCodes = new Set([
  "ThrottlingException",
  "Throttling",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
]);

/** transientCodes are AWS error names worth retrying although they are not throttling. */
export const transientCodes = new Set(["ServiceException", "ServiceUnavailable", "InternalFailure", "RequestTimeout", "RequestTimeoutException"]);

/** isNotFound says whether an error is Lightsail's NotFoundException. */
export function isNotFound(err: unknown): boolean {
  return err instanceof CloudError && err.code === "NotFoundException";
}

/** isNameInUse says whether a create was refused because an instance name is taken. */
export function isNameInUse(err: unknown): boolean {
  return err instanceof CloudError && err.code === "InvalidInputException" && /already in use/i.test(err.detail);
}
