import { chunks } from "../../core/batcher";
import type { CloudDriver, CreateRequest, CreateResult, DriverContext } from "../../core/driver";
import { CloudError } from "../../core/errors";
import type { InstanceView } from "../../core/types";
import { call, tagList, zenlayerCredentials } from "./client";
import { describe, findByIdsOrNames, findByTags, list } from "./find";
import { zenlayerManifest } from "./manifest";
import { isAlreadyTerminated, isNotReleasable } from "./errors";
import { preflight } from "./preflight";
import { OWNER_TAG, ownerTagsOf } from "../../core/ownership";
import { instanceNames, zenlayerAutoNaming, zenlayerInstanceSchema, type ZenlayerInstanceArgs } from "./schema";
import { CREATING, STATES, inputsFrom, status } from "./status";
import { statesBut, waitInstancesGone, waitInstancesIn, type WaitDeclaration } from "../../core/waits";

/** BATCH is the most ids ReleaseInstances and ModifyInstancesAttribute take in one call. */
const BATCH = zenlayerManifest.batchSizes.ReleaseInstances;

/** none reads an answer whose only field is the request id. */
function none(): void {
  return undefined;
}

/** ignoring runs a call and treats the errors `done` recognises as success (already done, already gone). */
async function ignoring(done: (err: unknown) => boolean, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!done(err)) throw err;
  }
}

/** createParams maps the inputs to a CreateInstances body (undefined fields are left out by JSON). */
function createParams(args: ZenlayerInstanceArgs, req: CreateRequest): Record<string, unknown> {
  return {
    zoneId: args.zoneId,
    imageId: args.imageId,
    instanceType: args.instanceType,
    instanceChargeType: args.instanceChargeType,
    instanceChargePrepaid: args.instanceChargePrepaid,
    instanceChargePostpaid: args.instanceChargePostpaid,
    internetChargeType: args.internetChargeType,
    instanceCount: req.count,
    subnetId: args.subnetId,
    instanceName: args.instanceName ?? "instance",
    password: args.password,
    keyId: args.keyId,
    resourceGroupId: args.resourceGroupId,
    trafficPackageSize: args.trafficPackageSize,
    internetMaxBandwidthOut: args.internetMaxBandwidthOut ?? 1,
    systemDisk: args.systemDisk,
    dataDisks: args.dataDisks,
    enableIpv6: args.enableIpv6,
    enableIpv4: args.enableIpv4,
    cpuPassThrough: args.cpuPassThrough,
    initScript: args.initScript,
    networkMode: args.networkMode,
    diskPreAllocated: args.diskPreAllocated,
    nic: args.nic,
    securityGroupId: args.securityGroupId,
    clusterId: args.clusterId,
    cidrBlockId: args.cidrBlockId,
    startCidrIpv4: args.startCidrIpv4,
    marketingOptions: args.marketingOptions,
    tags: { tags: tagList({ ...(args.tags ?? {}), ...req.ownerTags }) },
  };
}

async function create(ctx: DriverContext, args: ZenlayerInstanceArgs, req: CreateRequest): Promise<CreateResult> {
  const result = await call(ctx, "vm", "CreateInstances", createParams(args, req), (r) => {
    const ids = r.instanceIdSet;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string")) {
      throw new CloudError({ cloud: "zenlayer", operation: "CreateInstances", code: "MalformedResponse", message: "instanceIdSet is not a list of ids" });
    }
    return { ids: ids as string[], requestId: typeof r.requestId === "string" ? r.requestId : undefined };
  });
  ctx.log(`zenlayer: CreateInstances accepted ${result.ids.length} instance(s) in ${args.zoneId}`);
  return result;
}

/** stateOf probes Zenlayer's own instanceStatus, which the delete path needs finer than a phase. */
const stateOf = (v: InstanceView | undefined): string => v?.state ?? "gone";

/** creationDone: Zenlayer refuses every operation on an instance until its creation is over. */
const creationDone: WaitDeclaration<InstanceView, string> = {
  what: "creation to finish before terminating",
  status: stateOf,
  pending: [...CREATING],
  target: [...statesBut(STATES, [...CREATING]), "gone"],
};

const IN_RECYCLE_BIN = ["RECYCLE", "RELEASING", "gone"];

/** inRecycleBin: a terminated instance passes RECYCLING on its way to RECYCLE, where it can be released. */
const inRecycleBin: WaitDeclaration<InstanceView, string> = {
  what: "instances in the recycle bin (RECYCLE)",
  status: stateOf,
  pending: statesBut(STATES, IN_RECYCLE_BIN),
  target: IN_RECYCLE_BIN,
};

/**
 * deleteInstances runs the recycle-bin path: wait out creation (Zenlayer refuses operations while creating),
 * TerminateInstance one by one, wait for RECYCLE, ReleaseInstances 100 at a time, wait until the API lists none.
 */
async function deleteInstances(ctx: DriverContext, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const settled = await waitInstancesIn(ctx, ids, creationDone);
  const toTerminate = [...settled.values()].filter((v): v is InstanceView => !!v && !["RECYCLING", "RECYCLE", "RELEASING"].includes(v.state));
  await Promise.all(
    toTerminate.map((v) =>
      ignoring(isAlreadyTerminated, () =>
        call(ctx, "vm", "TerminateInstance", { instanceId: v.id }, none),
      ),
    ),
  );
  ctx.log(`zenlayer: terminated ${toTerminate.length} instance(s); waiting for the recycle bin`);
  const recycled = await waitInstancesIn(ctx, ids, inRecycleBin);
  const toRelease = [...recycled.values()].filter((v): v is InstanceView => v?.state === "RECYCLE").map((v) => v.id);
  // In calls shared with the other resources releasing at the same moment.
  await ctx.batch("ReleaseInstances", toRelease, BATCH, async (batch) => {
    try {
      await call(ctx, "vm", "ReleaseInstances", { instanceIds: batch }, none);
    } catch (err) {
      if (!isNotReleasable(err)) throw err;
      // Someone else released part of the batch meanwhile: release the rest one by one.
      for (const id of batch) {
        await ignoring(isNotReleasable, () =>
          call(ctx, "vm", "ReleaseInstances", { instanceIds: [id] }, none),
        );
      }
    }
  });
  await waitInstancesGone(ctx, ids);
}

/** renameInstances applies a new instanceName: one call for a plain name, one an instance for numbered names. */
async function renameInstances(ctx: DriverContext, instances: InstanceView[], pattern: string): Promise<void> {
  const ordered = [...instances].sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? "") || a.id.localeCompare(b.id));
  const expanded = instanceNames(pattern, ordered.length);
  if (!expanded.ok) throw new CloudError({ cloud: "zenlayer", operation: "ModifyInstancesAttribute", code: "InvalidName", message: `instanceName ${expanded.reason}` });
  const byName = new Map<string, string[]>();
  ordered.forEach((inst, i) => {
    const name = expanded.names[i];
    if (inst.name !== name) byName.set(name, [...(byName.get(name) ?? []), inst.id]);
  });
  for (const [instanceName, ids] of byName) {
    for (const batch of chunks(ids, BATCH)) await call(ctx, "vm", "ModifyInstancesAttribute", { instanceIds: batch, instanceName }, none);
  }
}

/** retagInstances moves every instance from the old user tags to the new ones through zrm ModifyResourceTags. */
async function retagInstances(ctx: DriverContext, instances: InstanceView[], olds: Record<string, string>, news: Record<string, string>): Promise<void> {
  const replaceTags = tagList(Object.fromEntries(Object.entries(news).filter(([k, v]) => olds[k] !== v)));
  const deleteTagKeys = Object.keys(olds).filter((k) => !(k in news));
  if (replaceTags.length === 0 && deleteTagKeys.length === 0) return;
  await Promise.all(
    instances.map((inst) => call(ctx, "zrm", "ModifyResourceTags", { resourceUuid: inst.id, replaceTags, deleteTagKeys }, none)),
  );
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** zenlayerDriver manages Zenlayer Cloud VM instances through API 2.0 (`/api/v2/vm`, tags through `/api/v2/zrm`). */
export const zenlayerDriver: CloudDriver<ZenlayerInstanceArgs> = {
  ...zenlayerManifest,
  schema: zenlayerInstanceSchema,
  autoNaming: zenlayerAutoNaming,
  endpoint: () => "https://console.zenlayer.com",
  credentialsFromChain: zenlayerCredentials,
  desiredNames: () => undefined,
  desiredCount: (args) => args.instanceCount ?? 1,
  create,
  describe,
  status,
  list,
  findByTags,
  findByIdsOrNames,
  delete: deleteInstances,
  inputsFrom,
  // The fleet's own instances are those carrying its owner tag (the fleet tag changes with a replacement).
  preflight: (ctx, args) => preflight(ctx, args, () => findByTags(ctx, { [OWNER_TAG]: ownerTagsOf(zenlayerDriver, args)[OWNER_TAG] })),
  async update(ctx, instances, olds, news) {
    const newName = news.instanceName ?? "instance";
    if ((olds.instanceName ?? "instance") !== newName) await renameInstances(ctx, instances, newName);
    if (!sameJson(olds.tags, news.tags)) await retagInstances(ctx, instances, olds.tags ?? {}, news.tags ?? {});
  },
};
