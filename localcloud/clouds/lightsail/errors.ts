/** LightsailErrorType is an exception name Lightsail (or the AWS front door) answers with. */
export type LightsailErrorType =
  | "InvalidInputException"
  | "NotFoundException"
  | "OperationFailureException"
  | "AccessDeniedException"
  | "UnauthenticatedException"
  | "ServiceException"
  | "ThrottlingException"
  | "SignatureDoesNotMatch"
  | "IncompleteSignature"
  | "MissingAuthenticationTokenException"
  | "UnrecognizedClientException"
  | "RequestExpired"
  | "UnknownOperationException"
  | "SerializationException"
  | "RequestEntityTooLargeException";

/** statusOf is the HTTP status each exception travels with. */
const statusOf: Record<LightsailErrorType, number> = {
  InvalidInputException: 400,
  NotFoundException: 404,
  OperationFailureException: 400,
  AccessDeniedException: 403,
  UnauthenticatedException: 401,
  ServiceException: 500,
  ThrottlingException: 400,
  SignatureDoesNotMatch: 403,
  IncompleteSignature: 400,
  MissingAuthenticationTokenException: 403,
  UnrecognizedClientException: 403,
  RequestExpired: 400,
  UnknownOperationException: 400,
  SerializationException: 400,
  RequestEntityTooLargeException: 413,
};

/** subCodeOf is the Lightsail `code` field of the modelled exceptions (the front-door errors have none). */
const subCodeOf: Partial<Record<LightsailErrorType, string>> = {
  InvalidInputException: "InvalidInput",
  NotFoundException: "NotFound",
  OperationFailureException: "OperationFailure",
  AccessDeniedException: "AccessDenied",
  UnauthenticatedException: "Unauthenticated",
  ServiceException: "InternalFailure",
};

/**
 * LightsailError is one error answer as data: the exception name, its message and HTTP status. The state model
 * throws it; only the wire layer renders it.
 */
export class LightsailError extends Error {
  readonly status: number;
  readonly code?: string;

  constructor(
    readonly type: LightsailErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
    this.status = statusOf[type];
    this.code = subCodeOf[type];
  }
}

/** invalidInput is the usual validation failure. */
export function invalidInput(message: string): LightsailError {
  return new LightsailError("InvalidInputException", message);
}

/** notFound is the answer for a resource that does not exist. */
export function notFound(message: string): LightsailError {
  return new LightsailError("NotFoundException", message);
}
