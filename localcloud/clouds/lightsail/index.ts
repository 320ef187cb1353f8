import { MAX_BODY_BYTES, type CloudEmulator, type EmulatorContext, type EmulatorFactory, type EmulatorRequest, type EmulatorResponse, type FaultAnswer } from "../../emulator";
import { actions } from "./actions";
import { authenticate, handleSts, regionOf, stsOperationOf, type StsTokens } from "./auth";
import { LightsailError } from "./errors";
import { LightsailModel, type LightsailModelOptions } from "./models";
import { adminInstance, adminSnapshot, operationOf, parseInput, renderError, renderResult } from "./wire";

export type { LightsailModelOptions } from "./models";

/** faultError is the error a server-side fault answers with. */
function faultError(kind: FaultAnswer): LightsailError {
  if (kind === "tooLarge") return new LightsailError("RequestEntityTooLargeException", `Request body exceeds ${MAX_BODY_BYTES} bytes`);
  if (kind === "throttle") return new LightsailError("ThrottlingException", "Rate exceeded");
  return new LightsailError("ServiceException", "We encountered an internal error. Please try again.");
}

/** answerWith runs Lightsail actions on a model, rendering a LightsailError as its error envelope. */
function answerWith(ctx: EmulatorContext, model: LightsailModel) {
  // The server authenticates before routing to handle, so this only reads the region of the verified scope.
  return (req: EmulatorRequest, op: string): EmulatorResponse => {
    const requestId = ctx.requestId();
    try {
      const action = Object.hasOwn(actions, op) ? actions[op] : undefined;
      if (!action) throw new LightsailError("UnknownOperationException", `Lightsail has no operation ${op}`);
      const input = parseInput(req);
      model.advanceAll();
      return renderResult(action(model, regionOf(req), input), requestId);
    } catch (err) {
      if (err instanceof LightsailError) return renderError(err, requestId);
      throw err;
    }
  };
}

/**
 * lightsailEmulatorWith builds the Lightsail emulator with account options (e.g. a smaller instance quota):
 * awsJson1_1 on `POST /`, routed by `X-Amz-Target`, SigV4 verified, the region taken from the credential scope;
 * STS's AssumeRole and AssumeRoleWithWebIdentity are served beside it for AWS credential chains.
 */
export function lightsailEmulatorWith(opts: LightsailModelOptions = {}): EmulatorFactory {
  return (ctx: EmulatorContext): CloudEmulator => {
    const model = new LightsailModel(ctx, opts);
    const tokens: StsTokens = new Map();
    const answer = answerWith(ctx, model);
    return {
      cloud: "lightsail",
      route: (req) => operationOf(req) ?? stsOperationOf(req),
      authenticate(req, op) {
        // STS authenticates each action its own way (AssumeRoleWithWebIdentity is unsigned).
        if (stsOperationOf(req) === op) return undefined;
        try {
          authenticate(req, ctx.credentials, ctx.now(), "lightsail", tokens);
          return undefined;
        } catch (err) {
          if (err instanceof LightsailError) return renderError(err, ctx.requestId());
          throw err;
        }
      },
      // AWS publishes no Lightsail rate; this is generous enough that a client at 10 calls a second never meets it.
      rateLimits: {},
      defaultRate: 20,
      renderFault: (kind) => renderError(faultError(kind), ctx.requestId()),
      handle: (req, op) => (stsOperationOf(req) === op ? handleSts(ctx, tokens, req, op) : answer(req, op)),
      listInstances: () => model.allInstances().map(adminInstance),
      listSnapshots: () => model.allSnapshots().map(adminSnapshot),
    };
  };
}

/** lightsailEmulator is the Lightsail emulator with the default account. */
export const lightsailEmulator: EmulatorFactory = lightsailEmulatorWith();
