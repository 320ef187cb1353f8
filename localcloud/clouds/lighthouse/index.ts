import { MAX_BODY_BYTES, type CloudEmulator, type EmulatorContext, type EmulatorFactory, type EmulatorRequest, type EmulatorResponse } from "../../emulator";
import { parseTc3Authorization } from "../../../signing/tc3";
import { apiError, LighthouseApiError } from "./errors";
import { verifyTc3Request } from "./auth";
import { defaultLimits, type LighthouseLimits } from "./catalog";
import { LighthouseModel } from "./models";
import { lighthouseActions, readParams, tagActions, type Action } from "./actions";
import { renderAdminInstance, renderAdminSnapshot, renderError, renderSuccess } from "./wire";

export type { LighthouseLimits };

/** services maps each signing service localcloud answers for to its API version and actions. */
const services: Record<string, { version: string; actions: Record<string, Action> }> = {
  lighthouse: { version: "2020-03-24", actions: lighthouseActions },
  tag: { version: "2018-08-13", actions: tagActions },
};

/** Published per-second limits (Tencent's API pages); the Tag service and the rest allow 20. */
const RATE_LIMITS: Record<string, number> = {
  CreateInstances: 5,
  DescribeInstances: 100,
  TerminateInstances: 10,
  IsolateInstances: 20,
  CreateInstanceSnapshot: 20,
  DescribeSnapshots: 20,
  DeleteSnapshots: 20,
  DescribeBundles: 5,
  DescribeBlueprints: 10,
};

/**
 * dispatch answers one authenticated call: the service named in the signature's scope, its version, the action and
 * (for regional actions) the region are checked before the action parses its parameters and runs on the model.
 */
function dispatch(model: LighthouseModel, req: EmulatorRequest, op: string, requestId: string): EmulatorResponse {
  const service = parseTc3Authorization(req.headers.authorization)?.service ?? "";
  const svc = Object.hasOwn(services, service) ? services[service] : undefined;
  if (!svc) throw apiError("InvalidAction", `localcloud serves no Tencent Cloud service \`${service}\`.`);
  const version = req.headers["x-tc-version"];
  if (!version) throw apiError("MissingParameter", "The request is missing a required parameter `Version` (X-TC-Version).");
  if (version !== svc.version) throw apiError("NoSuchVersion", `The version \`${version}\` of ${service} does not exist; use ${svc.version}.`);
  const action = Object.hasOwn(svc.actions, op) ? svc.actions[op] : undefined;
  if (!action) throw apiError("InvalidAction", `The action \`${op}\` does not exist in ${service} ${svc.version}.`);
  const region = action.regional ? model.checkRegion(req.headers["x-tc-region"]) : "";
  const params = readParams(req, action);
  model.advanceAll();
  return renderSuccess(requestId, action.run(params, model, { region, requestId }));
}

/**
 * createLighthouseEmulator builds the Lighthouse API (and the Tag service calls it needs) with the given quotas.
 * Requests are `POST /` with X-TC-Action; the service (lighthouse or tag) is the one named in the signature's
 * credential scope, so one port serves both, as the two hosts do in the real cloud.
 */
export function createLighthouseEmulator(limits: LighthouseLimits = defaultLimits): EmulatorFactory {
  return (ctx: EmulatorContext): CloudEmulator => {
    const model = new LighthouseModel(ctx, limits);
    return {
      cloud: "lighthouse",
      route: (req) => (req.method === "POST" && req.path === "/" && req.headers["x-tc-action"] ? req.headers["x-tc-action"] : undefined),
      authenticate(req) {
        const err = verifyTc3Request(req, ctx.credentials, ctx.now());
        return err ? renderError(ctx.requestId(), err) : undefined;
      },
      rateLimits: RATE_LIMITS,
      defaultRate: 20,
      renderFault(kind, _req, op) {
        const err =
          kind === "tooLarge"
            ? apiError("RequestSizeLimitExceeded", `The request body exceeds the size limit of ${MAX_BODY_BYTES} bytes.`)
            : kind === "throttle"
            ? apiError("RequestLimitExceeded", `The request rate of ${op} exceeds its frequency limit of ${RATE_LIMITS[op] ?? 20} a second; please reduce the frequency of calls.`)
            : apiError("InternalError", "An internal error occurred; please retry later.");
        return renderError(ctx.requestId(), err);
      },
      handle(req, op) {
        const requestId = ctx.requestId();
        try {
          return dispatch(model, req, op, requestId);
        } catch (err) {
          if (err instanceof LighthouseApiError) return renderError(requestId, err);
          throw err;
        }
      },
      listInstances() {
        model.advanceAll();
        return model.instances().map(renderAdminInstance);
      },
      listSnapshots() {
        model.advanceAll();
        return model.snapshots().map(renderAdminSnapshot);
      },
    };
  };
}

/** lighthouseEmulator serves Tencent Cloud Lighthouse (and its tags) with the default quotas. */
export const lighthouseEmulator: EmulatorFactory = createLighthouseEmulator();
