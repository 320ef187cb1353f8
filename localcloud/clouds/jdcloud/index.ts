import { MAX_BODY_BYTES, type EmulatorContext, type EmulatorFactory, type EmulatorRequest, type EmulatorResponse, type FaultAnswer } from "../../emulator";
import { actions } from "./actions";
import { JdVerifier } from "./auth";
import { JdError, internal, notFound, rateLimitExceeded, tooLarge } from "./errors";
import { JdcloudModel } from "./models";
import { adminInstance, jdRequestId, renderError, renderResult, routeOf } from "./wire";

/** DEFAULT_RATE: coc-vm publishes no limit; localcloud allows 20 calls a second per operation. */
const DEFAULT_RATE = 20;

/** dispatch runs the action a request routes to, or answers 404 for a path under `/v1/regions/` that names none. */
function dispatch(model: JdcloudModel, req: EmulatorRequest, op: string): unknown {
  const route = routeOf(req.method, req.path) ?? { operation: op, regionId: "" };
  const action = Object.hasOwn(actions, op) ? actions[op] : undefined;
  if (!action) throw notFound(`No API ${req.method} ${req.path}`);
  return action(model, route, req);
}

function faultError(kind: FaultAnswer): JdError {
  return kind === "throttle" ? rateLimitExceeded() : kind === "tooLarge" ? tooLarge(MAX_BODY_BYTES) : internal();
}

/** jdcloudEmulator serves JD Cloud's partner-cloud VM API (coc-vm) under `/v1/regions/…`. */
export const jdcloudEmulator: EmulatorFactory = (ctx: EmulatorContext) => {
  const model = new JdcloudModel(ctx);
  const verifier = new JdVerifier(ctx.credentials, () => ctx.now());
  return {
    cloud: "jdcloud",
    route: (req) => routeOf(req.method, req.path)?.operation,
    authenticate(req): EmulatorResponse | undefined {
      const err = verifier.verify(req);
      return err ? renderError(jdRequestId(ctx.requestId()), err) : undefined;
    },
    rateLimits: {},
    defaultRate: DEFAULT_RATE,
    renderFault: (kind: FaultAnswer) => renderError(jdRequestId(ctx.requestId()), faultError(kind)),
    handle(req, op): EmulatorResponse {
      const requestId = jdRequestId(ctx.requestId());
      try {
        return renderResult(requestId, dispatch(model, req, op));
      } catch (err) {
        if (err instanceof JdError) return renderError(requestId, err);
        throw err;
      }
    },
    listInstances: () => model.all().map(adminInstance),
    listSnapshots: () => [],
  };
};
