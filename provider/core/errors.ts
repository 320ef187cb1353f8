import type { CloudName } from "./types";

/** CloudErrorInit carries what a CloudError says about a failed call. */
export interface CloudErrorInit {
  cloud: CloudName;
  operation: string;
  /** The cloud's error code (e.g. `InvalidInputException`, `RequestLimitExceeded`, `INVALID_ZONE_NOT_FOUND`). */
  code: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
  /** True when repeating the same call later may succeed (throttling, 5xx, resets, timeouts). */
  retryable?: boolean;
  /** True when the cloud answered that it is throttling us. */
  throttled?: boolean;
  /** Ids of instances the failure concerns (a partial launch names each failed instance). */
  instanceIds?: string[];
}

/**
 * CloudError is the one error type lightfleet raises for anything a cloud said or failed to say. Its message names
 * the cloud, the operation, the cloud's code and request id, so a user can look the failure up or report it.
 */
export class CloudError extends Error {
  readonly cloud: CloudName;
  readonly operation: string;
  readonly code: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly retryable: boolean;
  readonly throttled: boolean;
  readonly instanceIds: string[];
  readonly detail: string;
  /**
   * Set when instances exist although the operation failed: the engine then records the resource under this id with
   * these properties instead of forgetting it, so nothing is orphaned.
   */
  id?: string;
  properties?: Record<string, unknown>;

  constructor(init: CloudErrorInit) {
    const where = `${init.cloud} ${init.operation}`;
    const rid = init.requestId ? ` (request id ${init.requestId})` : "";
    super(`${where} failed: ${init.code}: ${init.message}${rid}`);
    this.name = "CloudError";
    this.cloud = init.cloud;
    this.operation = init.operation;
    this.code = init.code;
    this.detail = init.message;
    this.requestId = init.requestId;
    this.httpStatus = init.httpStatus;
    this.retryable = init.retryable ?? false;
    this.throttled = init.throttled ?? false;
    this.instanceIds = init.instanceIds ?? [];
    // The dynamic-provider host prints a failed check, diff, read or delete as `${err}: ${err.stack}`, and the
    // engine shows the message again. Frames into the provider's files tell a user nothing: that line reads
    // "CloudError: <message>", once.
    this.stack = this.message;
  }

  /** toString is the name alone: the host puts the stack, which here is the message, right after it. */
  override toString(): string {
    return this.name;
  }
}

/** notRetryable is `err` marked final, every other field kept, so that no caller repeats the call. */
export function notRetryable(err: CloudError): CloudError {
  return new CloudError({
    cloud: err.cloud,
    operation: err.operation,
    code: err.code,
    message: err.detail,
    requestId: err.requestId,
    httpStatus: err.httpStatus,
    throttled: err.throttled,
    instanceIds: err.instanceIds,
    retryable: false,
  });
}

/** CONNECTION_REFUSED is the code of a call whose endpoint refused the connection: nothing listens there. */
export const CONNECTION_REFUSED = "ConnectionRefused";

/** isCloudError tells a CloudError apart from other throwables. */
export function isCloudError(e: unknown): e is CloudError {
  return e instanceof CloudError;
}
