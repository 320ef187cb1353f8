import { MAX_BODY_BYTES, type AdminInstance, type CloudEmulator, type EmulatorContext, type EmulatorFactory, type EmulatorRequest, type EmulatorResponse, type FaultAnswer } from "../../emulator";
import { verifyZc2 } from "./auth";
import { regionOf } from "./catalog";
import { ZenlayerError } from "./errors";
import { ZenlayerModel } from "./models";
import { Params } from "./params";
import { parseBody, renderError, renderSuccess, requestIdOf } from "./wire";

type Action = (model: ZenlayerModel, p: Params) => Record<string, unknown>;

/** vmActions are the VM service actions localcloud serves at /api/v2/vm. */
const vmActions: Record<string, Action> = {
  CreateInstances: (m, p) => m.createInstances(p),
  DescribeInstances: (m, p) => m.describeInstances(p),
  DescribeInstancesStatus: (m, p) => m.describeInstancesStatus(p),
  ModifyInstancesAttribute: (m, p) => m.modifyInstancesAttribute(p),
  StartInstances: (m, p) => m.startInstances(p),
  StopInstances: (m, p) => m.stopInstances(p),
  RebootInstances: (m, p) => m.rebootInstances(p),
  TerminateInstance: (m, p) => m.terminateInstance(p),
  ReleaseInstances: (m, p) => m.releaseInstances(p),
  DescribeZones: (m, p) => m.describeZones(p),
  DescribeImages: (m, p) => m.describeImages(p),
  DescribeZoneInstanceConfigInfos: (m, p) => m.describeZoneInstanceConfigInfos(p),
  DescribeVpcs: (m, p) => m.describeVpcs(p),
  DescribeSubnets: (m, p) => m.describeSubnets(p),
  DescribeSecurityGroups: (m, p) => m.describeSecurityGroups(p),
};

/** zrmActions are the resource-manager actions served at /api/v2/zrm (tags after creation). */
const zrmActions: Record<string, Action> = {
  ModifyResourceTags: (m, p) => m.modifyResourceTags(p),
};

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
        return renderSuccess(rid, action(model, new Params(parseBody(req.body))));
      } catch (err) {
        if (err instanceof ZenlayerError) return renderError(rid, err);
        throw err;
      }
    },
    listInstances(): AdminInstance[] {
      return model.instances().map((i) => ({
        cloud: "zenlayer",
        region: regionOf(i.zoneId),
        id: i.instanceId,
        name: i.instanceName,
        state: i.instanceStatus,
        publicIp: i.publicIpAddresses[0],
        privateIp: i.privateIpAddresses[0],
        tags: Object.fromEntries(i.tags.map((t) => [t.key, t.value])),
      }));
    },
    listSnapshots: () => [],
  };
};
