import type { CloudDriver, CreateRequest, CreateResult, DriverContext } from "../../core/driver";
import { preflight } from "./preflight";
import { CloudError } from "../../core/errors";
import { isOwnershipTag } from "../../core/ownership";
import type { InstanceView } from "../../core/types";
import { awsCredentials, lightsailCall } from "./client";
import { isNameInUse, isNotFound } from "./errors";
import { describe, findByIdsOrNames, findByTags, getInstance, list } from "./find";
import { lightsailManifest } from "./manifest";
import { inputsFrom, toInstanceView } from "./status";
import { lightsailAutoNaming, lightsailInstanceSchema, type LightsailInstanceArgs } from "./schema";
import { waitInstancesGone } from "../../core/waits";

type Json = Record<string, unknown>;
type AddOn = NonNullable<LightsailInstanceArgs["addOns"]>[number];

const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

async function launch(ctx: DriverContext, args: LightsailInstanceArgs, names: string[], ownerTags: Record<string, string>): Promise<string[]> {
  const input: Json = {
    instanceNames: names,
    availabilityZone: args.availabilityZone,
    bundleId: args.bundleId,
    ipAddressType: args.ipAddressType ?? "dualstack",
    tags: tagList({ ...(args.tags ?? {}), ...ownerTags }),
    ...(args.userData !== undefined ? { userData: args.userData } : {}),
    ...(args.keyPairName ? { keyPairName: args.keyPairName } : {}),
    ...(args.addOns?.length ? { addOns: args.addOns } : {}),
  };
  const call = args.sourceSnapshotName
    ? lightsailCall<{ operations?: Json[] }>(ctx, "CreateInstancesFromSnapshot", { ...input, instanceSnapshotName: args.sourceSnapshotName })
    : lightsailCall<{ operations?: Json[] }>(ctx, "CreateInstances", { ...input, blueprintId: args.blueprintId });
  const out = await ctx.send(call);
  const accepted = (out.operations ?? []).map((o) => String(o.resourceName)).filter((n) => names.includes(n));
  return accepted.length > 0 ? accepted : names;
}

/**
 * create issues one CreateInstances (or CreateInstancesFromSnapshot) call. Lightsail has no client token, so a
 * retried call whose first attempt went through answers "names already in use": then the names that exist and carry
 * this fleet's ownership tags are taken as created, the missing ones are created, and a name held by anyone else
 * fails the create.
 */
async function create(ctx: DriverContext, args: LightsailInstanceArgs, req: CreateRequest): Promise<CreateResult> {
  // check fills instanceNames when the inputs give a count instead.
  const names = req.names ?? args.instanceNames ?? [];
  try {
    return { ids: await launch(ctx, args, names, req.ownerTags) };
  } catch (err) {
    if (!isNameInUse(err) || Object.keys(req.ownerTags).length === 0) throw err;
    const existing = await Promise.all(names.map((n) => getInstance(ctx, n)));
    const owned = (i: Json) => {
      const tags = toInstanceView(i, "GetInstance").tags;
      return Object.entries(req.ownerTags).every(([k, v]) => tags[k] === v);
    };
    const foreign = names.filter((_, i) => existing[i] && !owned(existing[i]!));
    if (foreign.length > 0) {
      throw new CloudError({
        cloud: "lightsail",
        operation: "CreateInstances",
        code: (err as CloudError).code,
        message: `instance names already used by instances this fleet does not own: ${foreign.join(", ")}`,
        requestId: (err as CloudError).requestId,
      });
    }
    const missing = names.filter((_, i) => !existing[i]);
    ctx.log(`lightsail: ${names.length - missing.length} instance(s) already created by an earlier attempt; adopting them`);
    const created = missing.length > 0 ? await launch(ctx, args, missing, req.ownerTags) : [];
    return { ids: names.filter((n) => !missing.includes(n) || created.includes(n)) };
  }
}

async function deleteInstances(ctx: DriverContext, ids: string[]): Promise<void> {
  const results = await Promise.allSettled(
    ids.map((id) => ctx.send(lightsailCall(ctx, "DeleteInstance", { instanceName: id, forceDeleteAddOns: true }))),
  );
  const failed = results.flatMap((r) => (r.status === "rejected" && !isNotFound(r.reason) ? [r.reason as unknown] : []));
  if (failed.length > 0) throw failed[0];
  await waitInstancesGone(ctx, ids);
}

function sameAddOn(want: AddOn, have: Json): boolean {
  if (have.name !== want.addOnType) return false;
  const time = want.autoSnapshotAddOnRequest?.snapshotTimeOfDay;
  const idle = want.stopInstanceOnIdleRequest;
  return (
    (time === undefined || have.snapshotTimeOfDay === time) &&
    (idle?.threshold === undefined || have.threshold === idle.threshold) &&
    (idle?.duration === undefined || have.duration === idle.duration)
  );
}

/** updateOne brings one instance's tags, add-ons and IP address type to the new inputs. */
async function updateOne(ctx: DriverContext, view: InstanceView, olds: LightsailInstanceArgs, news: LightsailInstanceArgs): Promise<boolean> {
  const name = view.id;
  const want = news.tags ?? {};
  const changed = Object.entries(want).filter(([k, v]) => view.tags[k] !== v);
  if (changed.length > 0) {
    await ctx.send(lightsailCall(ctx, "TagResource", { resourceName: name, tags: changed.map(([key, value]) => ({ key, value })) }));
  }
  const dropped = Object.keys(olds.tags ?? {}).filter((k) => !(k in want) && k in view.tags && !isOwnershipTag(k));
  if (dropped.length > 0) await ctx.send(lightsailCall(ctx, "UntagResource", { resourceName: name, tagKeys: dropped }));

  const have = Array.isArray(view.raw?.addOns) ? (view.raw.addOns as Json[]) : [];
  for (const addOn of news.addOns ?? []) {
    if (!have.some((h) => sameAddOn(addOn, h))) {
      await ctx.send(lightsailCall(ctx, "EnableAddOn", { resourceName: name, addOnRequest: addOn }));
    }
  }
  const wantTypes = new Set((news.addOns ?? []).map((a) => a.addOnType));
  for (const old of olds.addOns ?? []) {
    if (!wantTypes.has(old.addOnType) && have.some((h) => h.name === old.addOnType)) {
      await ctx.send(lightsailCall(ctx, "DisableAddOn", { resourceName: name, addOnType: old.addOnType }));
    }
  }

  const ipType = news.ipAddressType ?? "dualstack";
  if (view.raw?.ipAddressType !== ipType) {
    await ctx.send(lightsailCall(ctx, "SetIpAddressType", { resourceType: "Instance", resourceName: name, ipAddressType: ipType }));
    return true;
  }
  return false;
}

async function update(ctx: DriverContext, instances: InstanceView[], olds: LightsailInstanceArgs, news: LightsailInstanceArgs): Promise<void> {
  const readdressed = await Promise.all(instances.map((v) => updateOne(ctx, v, olds, news)));
  const moved = instances.filter((_, i) => readdressed[i]).map((v) => v.id);
  if (moved.length > 0) {
    await ctx.waitFor({
      ids: moved,
      what: `the new ${news.ipAddressType ?? "dualstack"} addresses`,
      reached: (v, id) => {
        if (!v) throw new CloudError({ cloud: "lightsail", operation: "SetIpAddressType", code: "NotFoundException", message: `instance ${id} disappeared` });
        return v.phase === "ready";
      },
    });
  }
}

/** lightsailDriver is lightfleet's AWS Lightsail driver: instance names are the ids, one region an endpoint. */
export const lightsailDriver: CloudDriver<LightsailInstanceArgs> = {
  ...lightsailManifest,
  schema: lightsailInstanceSchema,
  autoNaming: lightsailAutoNaming,
  endpoint: (region) => `https://lightsail.${region}.amazonaws.com`,
  credentialsFromChain: awsCredentials,
  desiredNames: (args) => args.instanceNames,
  desiredCount: (args) => args.instanceNames?.length ?? args.instanceCount ?? 1,
  create,
  describe,
  // Lightsail's answer shows everything readiness needs (the instance's own IP address type).
  status: (view) => view.phase,
  list,
  findByTags,
  findByIdsOrNames,
  delete: deleteInstances,
  update,
  inputsFrom,
  preflight,
};
