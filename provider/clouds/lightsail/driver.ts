import type { CloudDriver, CreateRequest, CreateResult, DriverContext } from "../../core/driver";
import { preflight } from "./preflight";
import { CloudError } from "../../core/errors";
import type { InstanceView } from "../../core/types";
import { isNotFound, lightsailCall } from "./client";
import { awsCredentials } from "./credentials";
import { toInstanceView, type LaunchOperation } from "./status";
import { lightsailInstanceSchema, type LightsailInstanceArgs } from "./schema";
import { waitInstancesGone } from "../../core/waits";

/** Up to this many names, describe asks GetInstance for each; above it one paged GetInstances is cheaper. */
const FEW_NAMES = 5;
/** How many pages of GetOperations describe reads to find launch results before asking per instance. */
const OPERATION_PAGES = 3;
/** Ownership tags start with this prefix; lightfleet never removes them when syncing user tags. */
const OWNER_TAG_PREFIX = "lightfleet-";

type Json = Record<string, unknown>;
type AddOn = NonNullable<LightsailInstanceArgs["addOns"]>[number];

const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

async function getInstance(ctx: DriverContext, name: string): Promise<Json | undefined> {
  try {
    const out = await ctx.send(lightsailCall<{ instance?: Json }>(ctx, "GetInstance", { instanceName: name }));
    if (!out.instance) {
      throw new CloudError({ cloud: "lightsail", operation: "GetInstance", code: "MalformedResponse", message: "the answer has no instance" });
    }
    return out.instance;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** listInstances pages through GetInstances (Lightsail has no lookup of several instances by name). */
async function listInstances(ctx: DriverContext): Promise<Json[]> {
  const all: Json[] = [];
  let pageToken: string | undefined;
  do {
    const out = await ctx.send(lightsailCall<{ instances?: Json[]; nextPageToken?: string }>(ctx, "GetInstances", pageToken ? { pageToken } : {}));
    if (!Array.isArray(out.instances)) {
      throw new CloudError({ cloud: "lightsail", operation: "GetInstances", code: "MalformedResponse", message: "the answer has no instances list" });
    }
    all.push(...out.instances);
    pageToken = out.nextPageToken;
  } while (pageToken);
  return all;
}

const isLaunch = (op: Json) =>
  op.resourceType === "Instance" && (op.operationType === "CreateInstance" || op.operationType === "CreateInstancesFromSnapshot");

const launchOf = (op: Json): LaunchOperation => ({
  id: String(op.id),
  status: String(op.status),
  ...(typeof op.errorCode === "string" ? { errorCode: op.errorCode } : {}),
  ...(typeof op.errorDetails === "string" ? { errorDetails: op.errorDetails } : {}),
});

/**
 * launchOperations finds the latest create operation of each pending instance, since only the operation tells a
 * failed launch from a slow one. Recent operations come first in GetOperations, so one page usually covers a whole
 * fleet; instances not found there are asked for one by one.
 */
async function launchOperations(ctx: DriverContext, pending: Json[]): Promise<Map<string, LaunchOperation>> {
  const found = new Map<string, LaunchOperation>();
  const wanted = new Set(pending.map((i) => String(i.name)));
  const oldest = Math.min(...pending.map((i) => (typeof i.createdAt === "number" ? i.createdAt : 0)));
  let pageToken: string | undefined;
  for (let n = 0; n < OPERATION_PAGES && found.size < wanted.size; n++) {
    const out = await ctx.send(lightsailCall<{ operations?: Json[]; nextPageToken?: string }>(ctx, "GetOperations", pageToken ? { pageToken } : {}));
    const ops = Array.isArray(out.operations) ? out.operations : [];
    for (const op of ops) {
      const name = String(op.resourceName);
      if (wanted.has(name) && !found.has(name) && isLaunch(op)) found.set(name, launchOf(op));
    }
    pageToken = out.nextPageToken;
    const last = ops[ops.length - 1];
    if (!pageToken || (typeof last?.createdAt === "number" && last.createdAt < oldest)) break;
  }
  await Promise.all(
    [...wanted]
      .filter((name) => !found.has(name))
      .map(async (name) => {
        const out = await ctx.send(lightsailCall<{ operations?: Json[] }>(ctx, "GetOperationsForResource", { resourceName: name }));
        const op = (out.operations ?? []).find(isLaunch);
        if (op) found.set(name, launchOf(op));
      }),
  );
  return found;
}

async function toViews(ctx: DriverContext, instances: Json[], operation: string): Promise<InstanceView[]> {
  const pending = instances.filter((i) => (i.state as Json | undefined)?.name === "pending");
  const launches = pending.length > 0 ? await launchOperations(ctx, pending) : new Map<string, LaunchOperation>();
  return instances.map((i) => toInstanceView(i, operation, launches.get(String(i.name))));
}

async function describe(ctx: DriverContext, ids: string[]): Promise<Map<string, InstanceView>> {
  if (ids.length === 0) return new Map();
  let found: Json[];
  if (ids.length <= FEW_NAMES) {
    found = (await Promise.all(ids.map((id) => getInstance(ctx, id)))).filter((i): i is Json => i !== undefined);
  } else {
    const wanted = new Set(ids);
    found = (await listInstances(ctx)).filter((i) => wanted.has(String(i.name)));
  }
  const views = await toViews(ctx, found, ids.length <= FEW_NAMES ? "GetInstance" : "GetInstances");
  return new Map(views.map((v) => [v.id, v]));
}

function isNameInUse(err: unknown): boolean {
  return err instanceof CloudError && err.code === "InvalidInputException" && /already in use/i.test(err.detail);
}

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
  const names = req.names ?? args.instanceNames;
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
  const dropped = Object.keys(olds.tags ?? {}).filter((k) => !(k in want) && k in view.tags && !k.startsWith(OWNER_TAG_PREFIX));
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

async function findByTags(ctx: DriverContext, tags: Record<string, string>): Promise<InstanceView[]> {
  const matching = (await listInstances(ctx)).filter((i) => {
    const have = new Map(Array.isArray(i.tags) ? (i.tags as Json[]).map((t) => [t.key, t.value ?? ""]) : []);
    return Object.entries(tags).every(([k, v]) => have.get(k) === v);
  });
  return toViews(ctx, matching, "GetInstances");
}

/** findByIdsOrNames accepts instance names (Lightsail's ids) and instance ARNs. */
async function findByIdsOrNames(ctx: DriverContext, idsOrNames: string[]): Promise<InstanceView[]> {
  const arns = idsOrNames.filter((x) => x.startsWith("arn:"));
  const names = idsOrNames.filter((x) => !x.startsWith("arn:"));
  const views = [...(await describe(ctx, names)).values()];
  if (arns.length > 0) {
    const wanted = new Set(arns);
    views.push(...(await toViews(ctx, (await listInstances(ctx)).filter((i) => wanted.has(String(i.arn))), "GetInstances")));
  }
  const order = (v: InstanceView) => {
    const i = idsOrNames.findIndex((x) => x === v.id || x === v.raw?.arn);
    return i < 0 ? idsOrNames.length : i;
  };
  return views.sort((a, b) => order(a) - order(b));
}

/** lightsailDriver is lightfleet's AWS Lightsail driver: instance names are the ids, one region an endpoint. */
export const lightsailDriver: CloudDriver<LightsailInstanceArgs> = {
  cloud: "lightsail",
  schema: lightsailInstanceSchema,
  // AWS publishes no Lightsail rate; 10 calls a second per operation is a conservative default.
  rateLimits: {},
  defaultRate: 10,
  // No call describes several instances by name: above a few names one paged GetInstances serves them all, so the
  // poller should hand over every id at once.
  describeBatchSize: 1000,
  fieldRules: {
    instanceNames: "update",
    availabilityZone: "replace",
    blueprintId: "replace",
    bundleId: "replace",
    keyPairName: "replace",
    userData: "replace",
    sourceSnapshotName: "replace",
    addOns: "update",
    ipAddressType: "update",
  },
  secretPaths: [["userData"]],
  namesMustBeUnique: true,
  regionVariables: ["AWS_REGION", "AWS_DEFAULT_REGION"],
  endpoint: (region) => `https://lightsail.${region}.amazonaws.com`,
  credentialsFromChain: awsCredentials,
  credentialHelp:
    "Set the stack config keys lightfleet:lightsailAccessKey and lightfleet:lightsailSecretKey, or use the AWS " +
    "credential chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN), AWS_PROFILE (or " +
    "lightfleet:lightsailProfile) naming a profile of ~/.aws/config or ~/.aws/credentials (AWS_CONFIG_FILE, " +
    "AWS_SHARED_CREDENTIALS_FILE) with keys, SSO, role_arn or credential_process, AWS_WEB_IDENTITY_TOKEN_FILE with " +
    "AWS_ROLE_ARN, or an ECS task or EC2 instance role.",
  desiredNames: (args) => args.instanceNames,
  desiredCount: (args) => args.instanceNames.length,
  create,
  describe,
  // Lightsail's answer shows everything readiness needs (the instance's own IP address type).
  status: (view) => view.phase,
  list: async (ctx) => toViews(ctx, await listInstances(ctx), "GetInstances"),
  findByTags,
  findByIdsOrNames,
  delete: deleteInstances,
  update,
  preflight,
};
