import { MAX_BODY_BYTES, type CloudEmulator, type EmulatorContext, type EmulatorFactory, type EmulatorRequest, type EmulatorResponse } from "../../emulator";
import { authenticate, regionOf } from "./auth";
import { LightsailError } from "./errors";
import type { Input } from "./input";
import { LightsailModel, type Body, type LightsailModelOptions } from "./models";
import { operationOf, parseInput, renderError, renderResult } from "./wire";
import { handleSts, stsOperationOf, type StsTokens } from "./sts";

type Action = (model: LightsailModel, region: string, input: Input) => Body;

/** actions maps each emulated operation to its model method. */
const actions: Record<string, Action> = {
  CreateInstances: (m, r, i) => m.createInstances(r, i),
  CreateInstancesFromSnapshot: (m, r, i) => m.createInstancesFromSnapshot(r, i),
  GetInstance: (m, r, i) => m.getInstance(r, i),
  GetInstances: (m, r, i) => m.getInstances(r, i),
  GetInstanceState: (m, r, i) => m.getInstanceState(r, i),
  DeleteInstance: (m, r, i) => m.deleteInstance(r, i),
  StartInstance: (m, r, i) => m.startInstance(r, i),
  StopInstance: (m, r, i) => m.stopInstance(r, i),
  RebootInstance: (m, r, i) => m.rebootInstance(r, i),
  GetOperation: (m, r, i) => m.getOperation(r, i),
  GetOperations: (m, r, i) => m.getOperations(r, i),
  GetOperationsForResource: (m, r, i) => m.getOperationsForResource(r, i),
  CreateInstanceSnapshot: (m, r, i) => m.createInstanceSnapshot(r, i),
  GetInstanceSnapshot: (m, r, i) => m.getInstanceSnapshot(r, i),
  GetInstanceSnapshots: (m, r, i) => m.getInstanceSnapshots(r, i),
  DeleteInstanceSnapshot: (m, r, i) => m.deleteInstanceSnapshot(r, i),
  TagResource: (m, r, i) => m.tagResource(r, i),
  UntagResource: (m, r, i) => m.untagResource(r, i),
  EnableAddOn: (m, r, i) => m.enableAddOn(r, i),
  DisableAddOn: (m, r, i) => m.disableAddOn(r, i),
  SetIpAddressType: (m, r, i) => m.setIpAddressType(r, i),
  GetBlueprints: (m, r, i) => m.getBlueprints(r, i),
  GetBundles: (m, r, i) => m.getBundles(r, i),
  GetRegions: (m, r, i) => m.getRegions(r, i),
};

/**
 * lightsailEmulatorWith builds the Lightsail emulator with account options (e.g. a smaller instance quota):
 * awsJson1_1 on `POST /`, routed by `X-Amz-Target`, SigV4 verified, the region taken from the credential scope;
 * STS's AssumeRole and AssumeRoleWithWebIdentity are served beside it for AWS credential chains.
 */
export function lightsailEmulatorWith(opts: LightsailModelOptions = {}): EmulatorFactory {
  return (ctx: EmulatorContext): CloudEmulator => {
    const model = new LightsailModel(ctx, opts);
    const tokens: StsTokens = new Map();
    // The server authenticates before routing to handle, so handle only reads the region of the verified scope.
    const answer = (req: EmulatorRequest, op: string): EmulatorResponse => {
      const requestId = ctx.requestId();
      try {
        const action = actions[op];
        if (!action) throw new LightsailError("UnknownOperationException", `Lightsail has no operation ${op}`);
        const input = parseInput(req);
        model.advanceAll();
        return renderResult(action(model, regionOf(req), input), requestId);
      } catch (err) {
        if (err instanceof LightsailError) return renderError(err, requestId);
        throw err;
      }
    };
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
      renderFault(kind) {
        const err =
          kind === "tooLarge"
            ? new LightsailError("RequestEntityTooLargeException", `Request body exceeds ${MAX_BODY_BYTES} bytes`)
            : kind === "throttle"
            ? new LightsailError("ThrottlingException", "Rate exceeded")
            : new LightsailError("ServiceException", "We encountered an internal error. Please try again.");
        return renderError(err, ctx.requestId());
      },
      handle: (req, op) => (stsOperationOf(req) === op ? handleSts(ctx, tokens, req, op) : answer(req, op)),
      listInstances: () => model.listInstances(),
      listSnapshots: () => model.listSnapshots(),
    };
  };
}

/** lightsailEmulator is the Lightsail emulator with the default account. */
export const lightsailEmulator: EmulatorFactory = lightsailEmulatorWith();
