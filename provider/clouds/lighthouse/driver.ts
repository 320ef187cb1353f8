import { createHash } from "crypto";
import { chunks } from "../../core/batcher";
import type { CloudDriver, CreateRequest, CreateResult, DriverContext } from "../../core/driver";
import type { InstanceView } from "../../core/types";
import { CloudError } from "../../core/errors";
import { createParams, lighthouseCall, malformed, tagValue, tencentCall, tencentCredentials } from "./client";
import { isNotFound } from "./errors";
import { describe, findByIdsOrNames, findByTags, list } from "./find";
import { lighthouseManifest } from "./manifest";
import { preflight } from "./preflight";
import { STATES, inputsFrom } from "./status";
import { statesBut, waitInstancesGone, waitInstancesIn, type WaitDeclaration } from "../../core/waits";
import { lighthouseAutoNaming, lighthouseInstanceSchema, type LighthouseInstanceArgs } from "./schema";

/** Batch limits of the API: ids a ModifyInstancesAttribute, IsolateInstances, TerminateInstances, Tag service call. */
const MODIFY_MAX = lighthouseManifest.batchSizes.ModifyInstancesAttribute;
const ISOLATE_MAX = lighthouseManifest.batchSizes.IsolateInstances;
const TERMINATE_MAX = lighthouseManifest.batchSizes.TerminateInstances;
const TAG_RESOURCES_MAX = lighthouseManifest.batchSizes.TagResources;
/** States from which IsolateInstances is accepted. */
const ISOLATABLE = ["RUNNING", "STOPPED", "LAUNCH_FAILED"];

function busy(v: InstanceView): boolean {
  return v.raw?.LatestOperationState === "OPERATING";
}

/** clientTokenOf fits core's idempotency token into ClientToken's 64 ASCII characters. */
function clientTokenOf(token: string): string {
  return token.length <= 64 && /^[\x20-\x7e]*$/.test(token) ? token : createHash("sha256").update(token).digest("hex");
}

/**
 * resourceName is the Tag service's six-segment name of an instance. The account uin is left empty: localcloud
 * accepts any uin, and lightfleet does not look the real account's uin up.
 */
function resourceName(region: string, id: string): string {
  return `qcs::lighthouse:${region}:uin/:instance/${id}`;
}

/**
 * eachTolerant runs an action on the ids in calls shared with other resources deleting at the same moment; a batch
 * refused for a vanished id is retried id by id, skipping the gone.
 */
function eachTolerant(ctx: DriverContext, action: string, ids: string[], size: number): Promise<void> {
  return ctx.batch(action, ids, size, async (batch) => {
    try {
      await lighthouseCall(ctx, action, { InstanceIds: batch }, () => undefined);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      for (const id of batch) {
        try {
          await lighthouseCall(ctx, action, { InstanceIds: [id] }, () => undefined);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    }
  });
}

/** OPERATING is the probe's state of an instance whose latest operation is still running, whatever its InstanceState. */
const OPERATING = "OPERATING";

/** stateOf probes InstanceState, or OPERATING while an operation runs: the delete path must wait those out. */
function stateOf(v: InstanceView | undefined): string {
  if (!v) return "gone";
  return busy(v) ? OPERATING : v.state;
}

const SETTLED = ["SHUTDOWN", ...ISOLATABLE, "gone"];

/** isolatable: a launch or an operation in progress must finish before IsolateInstances accepts the instance. */
const isolatable: WaitDeclaration<InstanceView, string> = {
  what: "instances ready to be isolated",
  status: stateOf,
  pending: [...statesBut(STATES, SETTLED), OPERATING],
  target: SETTLED,
};

/** isolated: every instance SHUTDOWN with no operation running; an isolation the cloud reports failed ends the wait. */
const isolated: WaitDeclaration<InstanceView, string> = {
  what: "instances isolated (SHUTDOWN)",
  status: (v) => {
    if (v?.raw?.LatestOperation === "IsolateInstances" && v.raw?.LatestOperationState === "FAILED") {
      throw new CloudError({
        cloud: "lighthouse",
        operation: "IsolateInstances",
        code: "IsolateFailed",
        message: `instance ${v.id} could not be isolated (request id ${String(v.raw?.LatestOperationRequestId ?? "unknown")})`,
        instanceIds: [v.id],
      });
    }
    return stateOf(v);
  },
  pending: [...statesBut(STATES, ["SHUTDOWN", "gone"]), OPERATING],
  target: ["SHUTDOWN", "gone"],
};

/**
 * lighthouseDriver manages Tencent Cloud Lighthouse instances (API 2020-03-24): one CreateInstances call a fleet
 * with a ClientToken, DescribeInstances by ids, and the two-step delete every prepaid instance needs (IsolateInstances
 * to SHUTDOWN, then TerminateInstances). Tags after creation go through the Tag service.
 */
export const lighthouseDriver: CloudDriver<LighthouseInstanceArgs> = {
  ...lighthouseManifest,
  schema: lighthouseInstanceSchema,
  autoNaming: lighthouseAutoNaming,
  endpoint: () => "https://lighthouse.tencentcloudapi.com",
  credentialsFromChain: tencentCredentials,
  desiredNames: () => undefined,
  desiredCount: (args) => args.instanceCount ?? 1,
  inputsFrom,

  preflight,
  describe,
  // Every Lighthouse instance gets a public IPv4, which DescribeInstances shows.
  status: (view) => view.phase,
  list,
  findByTags,
  findByIdsOrNames,

  async create(ctx, args, req: CreateRequest): Promise<CreateResult> {
    const ownerTags = Object.fromEntries(Object.entries(req.ownerTags).map(([k, v]) => [k, tagValue(v)]));
    const params = { ...createParams(args, req.count, { ...args.tags, ...ownerTags }), ClientToken: clientTokenOf(req.clientToken) };
    return ctx.send(
      tencentCall(ctx, {
        service: "lighthouse",
        action: "CreateInstances",
        params,
        region: ctx.region,
        parse: (r) => {
          const ids = r.InstanceIdSet;
          if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string")) throw malformed("CreateInstances", "the answer has no InstanceIdSet", r.RequestId as string);
          return { ids: ids as string[], requestId: r.RequestId as string | undefined };
        },
      }),
    );
  },

  async delete(ctx, ids) {
    if (ids.length === 0) return;
    const settled = await waitInstancesIn(ctx, ids, isolatable);
    const toIsolate = ids.filter((id) => {
      const v = settled.get(id);
      return v !== undefined && v.state !== "SHUTDOWN";
    });
    ctx.log(`lighthouse: isolating ${toIsolate.length} instance(s)`);
    await eachTolerant(ctx, "IsolateInstances", toIsolate, ISOLATE_MAX);
    const shutDown = await waitInstancesIn(ctx, ids, isolated);
    const toTerminate = ids.filter((id) => shutDown.get(id) !== undefined);
    ctx.log(`lighthouse: terminating ${toTerminate.length} instance(s)`);
    await eachTolerant(ctx, "TerminateInstances", toTerminate, TERMINATE_MAX);
    await waitInstancesGone(ctx, ids);
  },

  async update(ctx, instances, olds, news) {
    if (news.instanceName !== undefined && news.instanceName !== olds.instanceName) {
      const rename = instances.filter((v) => v.name !== news.instanceName).map((v) => v.id);
      for (const batch of chunks(rename, MODIFY_MAX)) {
        await lighthouseCall(ctx, "ModifyInstancesAttribute", { InstanceIds: batch, InstanceName: news.instanceName }, () => undefined);
      }
    }
    const desired = news.tags ?? {};
    const dropped = Object.keys(olds.tags ?? {}).filter((k) => !(k in desired));
    // Instances needing the same change share Tag service calls (10 resources a call).
    const plans = new Map<string, { set: Array<[string, string]>; unset: string[]; ids: string[] }>();
    for (const v of instances) {
      const set = Object.entries(desired).filter(([k, val]) => v.tags[k] !== val);
      const unset = dropped.filter((k) => k in v.tags);
      if (set.length === 0 && unset.length === 0) continue;
      const key = JSON.stringify([set, unset]);
      const plan = plans.get(key) ?? { set, unset, ids: [] };
      plan.ids.push(v.id);
      plans.set(key, plan);
    }
    for (const plan of plans.values()) {
      for (const batch of chunks(plan.ids, TAG_RESOURCES_MAX)) {
        const resources = batch.map((id) => resourceName(ctx.region, id));
        if (plan.set.length > 0) {
          await tagCall(ctx, "TagResources", { ResourceList: resources, Tags: plan.set.map(([TagKey, TagValue]) => ({ TagKey, TagValue })) });
        }
        if (plan.unset.length > 0) await tagCall(ctx, "UnTagResources", { ResourceList: resources, TagKeys: plan.unset });
      }
    }
  },
};

/** tagCall sends a Tag service action and fails when any resource could not be tagged. */
async function tagCall(ctx: DriverContext, action: string, params: Record<string, unknown>): Promise<void> {
  const failed = await ctx.send(
    tencentCall(ctx, {
      service: "tag",
      action,
      params,
      parse: (r) => (Array.isArray(r.FailedResources) ? (r.FailedResources as Array<Record<string, unknown>>) : []),
    }),
  );
  if (failed.length > 0) {
    throw new CloudError({
      cloud: "lighthouse",
      operation: action,
      code: String(failed[0].Code ?? "FailedOperation"),
      message: failed.map((f) => `${String(f.Resource)}: ${String(f.Message)}`).join("; "),
    });
  }
}
