import { createHash } from "crypto";
import type { CloudDriver, CreateRequest, CreateResult, DriverContext } from "../../core/driver";
import type { InstanceView } from "../../core/types";
import { CloudError } from "../../core/errors";
import { coalesced } from "../../core/coalesce";
import { isNotFound, lighthouseCall, malformed, tencentCall } from "./client";
import { STATES, toInstanceView } from "./status";
import { statesBut, waitInstancesGone, waitInstancesIn, type WaitDeclaration } from "../../core/waits";
import { tencentCredentials } from "./credentials";
import { lighthouseInstanceSchema, type LighthouseInstanceArgs } from "./schema";

/** Batch limits of the API: ids a DescribeInstances/TerminateInstances call, IsolateInstances call, Tag service call. */
const DESCRIBE_MAX = 100;
const ISOLATE_MAX = 20;
const TERMINATE_MAX = 100;
const TAG_RESOURCES_MAX = 10;
/** Filters a DescribeInstances call takes. */
const FILTERS_MAX = 10;
/** States from which IsolateInstances is accepted. */
const ISOLATABLE = ["RUNNING", "STOPPED", "LAUNCH_FAILED"];

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function busy(v: InstanceView): boolean {
  return v.raw?.LatestOperationState === "OPERATING";
}

/** tagValue keeps an ownership tag value within Tencent's tag character set and length. */
export function tagValue(v: string): string {
  return v.replace(/[^\p{L}\p{N} +\-=._:/@]/gu, "_").slice(0, 255) || "_";
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

function createParams(args: LighthouseInstanceArgs, count: number, tags: Record<string, string>): Record<string, unknown> {
  const p: Record<string, unknown> = {
    BundleId: args.bundleId,
    BlueprintId: args.blueprintId,
    InstanceChargePrepaid: {
      Period: args.instanceChargePrepaid.period,
      RenewFlag: args.instanceChargePrepaid.renewFlag ?? "NOTIFY_AND_MANUAL_RENEW",
    },
    InstanceCount: count,
  };
  if (args.instanceName !== undefined) p.InstanceName = args.instanceName;
  if (args.zones?.length) p.Zones = args.zones;
  const login = args.loginConfiguration;
  if (login) {
    p.LoginConfiguration = {
      ...(login.autoGeneratePassword !== undefined && { AutoGeneratePassword: login.autoGeneratePassword }),
      ...(login.password !== undefined && { Password: login.password }),
      ...(login.keyIds !== undefined && { KeyIds: login.keyIds }),
    };
  }
  if (args.containers?.length) {
    p.Containers = args.containers.map((c) => ({
      ContainerImage: c.containerImage,
      ...(c.containerName !== undefined && { ContainerName: c.containerName }),
      ...(c.envs && { Envs: c.envs.map((e) => ({ Key: e.key, Value: e.value })) }),
      ...(c.publishPorts && {
        PublishPorts: c.publishPorts.map((pp) => ({
          HostPort: pp.hostPort,
          ContainerPort: pp.containerPort,
          ...(pp.ip !== undefined && { Ip: pp.ip }),
          ...(pp.protocol !== undefined && { Protocol: pp.protocol }),
        })),
      }),
      ...(c.volumes && { Volumes: c.volumes.map((v) => ({ ContainerPath: v.containerPath, ...(v.hostPath !== undefined && { HostPath: v.hostPath }) })) }),
      ...(c.command !== undefined && { Command: c.command }),
      ...(c.restartPolicy !== undefined && { RestartPolicy: c.restartPolicy }),
    }));
  }
  if (args.autoVoucher) p.AutoVoucher = true;
  if (args.firewallTemplateId !== undefined) p.FirewallTemplateId = args.firewallTemplateId;
  const tagList = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  if (tagList.length > 0) p.Tags = tagList;
  return p;
}

function instanceSet(r: Record<string, unknown>): { total: number; items: InstanceView[] } {
  if (!Array.isArray(r.InstanceSet)) throw malformed("DescribeInstances", "the answer has no InstanceSet", r.RequestId as string | undefined);
  const items = r.InstanceSet.map((i) => toInstanceView(i, r.RequestId as string | undefined));
  return { total: typeof r.TotalCount === "number" ? r.TotalCount : items.length, items };
}

/** listInstances pages through DescribeInstances with filters (never with ids: the API refuses both at once). */
async function listInstances(ctx: DriverContext, filters: Array<{ Name: string; Values: string[] }>): Promise<InstanceView[]> {
  const out: InstanceView[] = [];
  for (let offset = 0; ; offset += DESCRIBE_MAX) {
    const page = await lighthouseCall(ctx, "DescribeInstances", { Filters: filters, Offset: offset, Limit: DESCRIBE_MAX }, instanceSet);
    out.push(...page.items);
    if (page.items.length < DESCRIBE_MAX || out.length >= page.total) return out;
  }
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
  cloud: "lighthouse",
  schema: lighthouseInstanceSchema,
  rateLimits: {
    CreateInstances: 5,
    DescribeInstances: 100,
    TerminateInstances: 10,
    IsolateInstances: 20,
    CreateInstanceSnapshot: 20,
    DescribeSnapshots: 20,
    DeleteSnapshots: 20,
    ModifyInstancesAttribute: 10,
    TagResources: 10,
    UnTagResources: 10,
  },
  defaultRate: 10,
  describeBatchSize: DESCRIBE_MAX,
  fieldRules: {
    bundleId: "replace",
    blueprintId: "replace",
    instanceChargePrepaid: "replace",
    zones: "replace",
    loginConfiguration: "replace",
    firewallTemplateId: "replace",
    containers: "replace",
    autoVoucher: "replace",
    instanceName: "update",
    instanceCount: "update",
  },
  secretPaths: [["loginConfiguration", "password"]],
  namesMustBeUnique: false,
  regionVariables: ["TENCENTCLOUD_REGION"],
  endpoint: () => "https://lighthouse.tencentcloudapi.com",
  credentialsFromChain: tencentCredentials,
  credentialHelp:
    "set the stack config keys lightfleet:lighthouseAccessKey and lightfleet:lighthouseSecretKey, or " +
    "TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SECURITY_TOKEN for temporary keys), or a " +
    "TCCLI profile file ~/.tccli/<profile>.credential (TENCENTCLOUD_PROFILE or lightfleet:lighthouseProfile, default `default`)",
  desiredNames: () => undefined,
  desiredCount: (args) => args.instanceCount ?? 1,

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

  async preflight(ctx, args) {
    const params: Record<string, unknown> = { ...createParams(args, args.instanceCount ?? 1, args.tags ?? {}), DryRun: true };
    // The cloud's answer depends on the plan, image, zones, count and login, not on the name or the tags (both
    // checked locally), so fleets alike but for those share one dry run. The key is hashed: it holds the password.
    const { InstanceName: _name, Tags: _tags, ...shape } = params;
    const key = createHash("sha256").update(JSON.stringify([ctx.account, shape])).digest("hex");
    await coalesced(`lighthouse-dry-run|${key}`, () => lighthouseCall(ctx, "CreateInstances", params, () => undefined));
  },

  async describe(ctx, ids) {
    const out = new Map<string, InstanceView>();
    for (const batch of chunks(ids, DESCRIBE_MAX)) {
      const page = await lighthouseCall(ctx, "DescribeInstances", { InstanceIds: batch, Limit: DESCRIBE_MAX }, instanceSet);
      for (const v of page.items) out.set(v.id, v);
    }
    return out;
  },

  // Every Lighthouse instance gets a public IPv4, which DescribeInstances shows.
  status: (view) => view.phase,

  list: (ctx) => listInstances(ctx, []),

  async findByTags(ctx, tags) {
    const entries = Object.entries(tags).map(([k, v]) => [k, tagValue(v)] as const);
    const filters = entries.slice(0, FILTERS_MAX).map(([k, v]) => ({ Name: `tag:${k}`, Values: [v] }));
    const found = await listInstances(ctx, filters);
    return found.filter((v) => entries.every(([k, val]) => v.tags[k] === val));
  },

  async findByIdsOrNames(ctx, idsOrNames) {
    const ids = idsOrNames.filter((x) => /^lhins-[a-z0-9]{8}$/.test(x));
    const names = idsOrNames.filter((x) => !ids.includes(x));
    const byId = [...(await lighthouseDriver.describe(ctx, ids)).values()];
    const byName: InstanceView[] = [];
    for (const batch of chunks(names, DESCRIBE_MAX)) byName.push(...(await listInstances(ctx, [{ Name: "instance-name", Values: batch }])));
    const seen = new Set<string>();
    return [...byId, ...byName].filter((v) => !seen.has(v.id) && seen.add(v.id));
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
      for (const batch of chunks(rename, DESCRIBE_MAX)) {
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
