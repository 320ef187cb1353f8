import { MAX_BODY_BYTES, type AdminInstance, type EmulatorContext, type EmulatorFactory, type EmulatorRequest, type EmulatorResponse, type FaultAnswer } from "../../emulator";
import { JdVerifier } from "./auth";
import { JdError, internal, notFound, rateLimitExceeded, tooLarge } from "./errors";
import { JdcloudModel } from "./models";
import { jdRequestId, parseBody, parseDescribeQuery, parseFilters, parseList, parsePaging, renderError, renderResult, routeOf } from "./wire";

/** DEFAULT_RATE: coc-vm publishes no limit; localcloud allows 20 calls a second per operation. */
const DEFAULT_RATE = 20;

function dispatch(model: JdcloudModel, req: EmulatorRequest, op: string): unknown {
  const route = routeOf(req.method, req.path);
  const regionId = route?.regionId ?? "";
  const id = route?.instanceId ?? "";
  switch (op) {
    case "createInstances":
      return model.createInstances(regionId, parseBody(req));
    case "describeInstances":
      return model.describeInstances(regionId, parseDescribeQuery(req.query));
    case "describeInstanceStatus":
      return model.describeInstanceStatus(regionId, parseDescribeQuery(req.query));
    case "describeInstance":
      return model.describeInstance(regionId, id);
    case "deleteInstance":
      return model.deleteInstance(regionId, id);
    case "modifyInstanceAttribute":
      return model.modifyInstanceAttribute(regionId, id, parseBody(req));
    case "startInstance":
      return model.startInstance(regionId, id);
    case "stopInstance":
      return model.stopInstance(regionId, id);
    case "rebootInstance":
      return model.rebootInstance(regionId, id);
    case "describeInstanceTypes":
      return model.describeInstanceTypes(regionId, parseFilters(req.query, ["instanceTypes", "az"]));
    case "describeImages":
      return model.describeImages(regionId, {
        ...parsePaging(req.query),
        ids: parseList(req.query, "ids"),
        imageSource: req.query.get("imageSource") ?? undefined,
        platform: req.query.get("platform") ?? undefined,
        imageName: req.query.get("imageName") ?? undefined,
        status: req.query.get("status") ?? undefined,
      });
    case "describeImage":
      return model.describeImage(regionId, route?.imageId ?? "");
    case "describeUsage":
      return model.describeUsage(regionId, parseFilters(req.query, ["resourceTypes"]));
    case "describeVpcs":
      return model.describeVpcs(regionId, parseFilters(req.query, ["vpcIds", "vpcNames"]), parsePaging(req.query));
    case "describeSubnets":
      return model.describeSubnets(regionId, parseFilters(req.query, ["subnetIds", "subnetNames", "vpcId"]), parsePaging(req.query));
    default:
      throw notFound(`No API ${req.method} ${req.path}`);
  }
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
    renderFault: (kind: FaultAnswer) =>
      renderError(jdRequestId(ctx.requestId()), kind === "throttle" ? rateLimitExceeded() : kind === "tooLarge" ? tooLarge(MAX_BODY_BYTES) : internal()),
    handle(req, op): EmulatorResponse {
      const requestId = jdRequestId(ctx.requestId());
      try {
        return renderResult(requestId, dispatch(model, req, op));
      } catch (err) {
        if (err instanceof JdError) return renderError(requestId, err);
        throw err;
      }
    },
    listInstances: (): AdminInstance[] =>
      model.all().map((i) => ({
        cloud: "jdcloud",
        region: i.region,
        id: i.instanceId,
        name: i.instanceName,
        state: i.status,
        publicIp: i.elasticIpAddress,
        privateIp: i.privateIpAddress,
        tags: {},
      })),
    listSnapshots: () => [],
  };
};
