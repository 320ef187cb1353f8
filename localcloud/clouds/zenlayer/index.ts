import { MAX_BODY_BYTES, type AdminInstance, type CloudEmulator, type EmulatorContext, type EmulatorFactory, type EmulatorRequest, type EmulatorResponse, type FaultAnswer } from "../../emulator";
import { readParams, vmActions, zrmActions, type Action } from "./actions";
import { verifyZc2 } from "./auth";
import { ZenlayerError } from "./errors";
import { ZenlayerModel } from "./models";
import { renderAdminInstance, renderError, renderSuccess, requestIdOf } from "./wire";

/** services maps each Zenlayer API path localcloud serves to its actions. */
const services: Record<string, Record<string, Action>> = { "/api/v2/vm": vmActions, "/api/v2/zrm": zrmActions };

/** MISSING_ACTION is the operation name of a request to a Zenlayer path without X-ZC-Action. */
const MISSING_ACTION = "MissingAction";

/** ZENLAYER_RATE is the per-action limit in calls a second: Zenlayer publishes none, so a moderate one. */
const ZENLAYER_RATE = 20;

/**
 * zenlayerEmulator serves Zenlayer Cloud API 2.0 (the VM service and the zrm tag call): ZC2-HMAC-SHA256
 * authentication, the `{requestId, response}` / `{requestId, code, message}` envelopes and the recycle-bin lifecycle.
 */
export const zenlayerEmulator: EmulatorFactory = (ctx: EmulatorContext): CloudEmulator => {
  const model = new ZenlayerModel(ctx);
  const requestId = (): string => requestIdOf(ctx.requestId());

  return {
    cloud: "zenlayer",
    route(req: EmulatorRequest): string | undefined {
      if (req.method !== "POST" || !services[req.path]) return undefined;
      return req.headers["x-zc-action"] || MISSING_ACTION;
    },
    authenticate(req: EmulatorRequest): EmulatorResponse | undefined {
      const refused = verifyZc2(req, ctx.credentials, ctx.now());
      return refused ? renderError(requestId(), refused) : undefined;
    },
    rateLimits: {},
    defaultRate: ZENLAYER_RATE,
    renderFault(kind: FaultAnswer): EmulatorResponse {
      if (kind === "tooLarge") return renderError(requestId(), new ZenlayerError(413, "REQUEST_ENTITY_TOO_LARGE", `The request body exceeds ${MAX_BODY_BYTES} bytes.`));
      return kind === "throttle"
        ? renderError(requestId(), new ZenlayerError(429, "REQUEST_LIMIT_EXCEEDED", "Request limit exceeded; please retry later."))
        : renderError(requestId(), new ZenlayerError(500, "INTERNAL_SERVER_ERROR", "An internal error occurred; please retry later."));
    },
    handle(req: EmulatorRequest, op: string): EmulatorResponse {
      const rid = requestId();
      try {
        const action = services[req.path][op];
        if (!action) throw new ZenlayerError(400, "INVALID_ACTION", `The action \`${op}\` does not exist in this service.`);
        return renderSuccess(rid, action(model, readParams(req)));
      } catch (err) {
        if (err instanceof ZenlayerError) return renderError(rid, err);
        throw err;
      }
    },
    listInstances: (): AdminInstance[] => model.instances().map(renderAdminInstance),
    listSnapshots: () => [],
  };
};
