import { CloudError } from "../../core/errors";

/** Codes worth repeating later: throttling, server trouble, and an instance still busy with its previous operation. */
export const THROTTLE = /^RequestLimitExceeded/;
export const RETRYABLE = /^(RequestLimitExceeded|InternalError|ServiceUnavailable)|^(UnsupportedOperation\.LatestOperationUnfinished|OperationDenied\.InstanceOperationInProgress|OperationDenied\.InstanceCreating)$/;

/** isNotFound tells whether an error says the instance or snapshot does not exist (success for deletes). */
export function isNotFound(err: unknown): boolean {
  return err instanceof CloudError && /^ResourceNotFound\.(InstanceIdNotFound|InstanceNotFound|SnapshotIdNotFound|SnapshotNotFound)$/.test(err.code);
}
