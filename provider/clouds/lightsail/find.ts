import type { DriverContext } from "../../core/driver";
import { CloudError } from "../../core/errors";
import type { InstanceView } from "../../core/types";
import { lightsailCall } from "./client";
import { isNotFound } from "./errors";
import { toInstanceView, type LaunchOperation } from "./status";

/** Up to this many names, describe asks GetInstance for each; above it one paged GetInstances is cheaper. */
const FEW_NAMES = 5;
/** How many pages of GetOperations describe reads to find launch results before asking per instance. */
const OPERATION_PAGES = 3;

type Json = Record<string, unknown>;

/** getInstance reads one instance by name, or answers undefined when it does not exist. */
export async function getInstance(ctx: DriverContext, name: string): Promise<Json | undefined> {
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
export async function listInstances(ctx: DriverContext): Promise<Json[]> {
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

/** describe looks instances up by name; the names Lightsail does not know are absent from the map. */
export async function describe(ctx: DriverContext, ids: string[]): Promise<Map<string, InstanceView>> {
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

/** list reads every instance of the region. */
export async function list(ctx: DriverContext): Promise<InstanceView[]> {
  return toViews(ctx, await listInstances(ctx), "GetInstances");
}

/** findByTags finds the instances carrying every given tag. */
export async function findByTags(ctx: DriverContext, tags: Record<string, string>): Promise<InstanceView[]> {
  const matching = (await listInstances(ctx)).filter((i) => {
    const have = new Map(Array.isArray(i.tags) ? (i.tags as Json[]).map((t) => [t.key, t.value ?? ""]) : []);
    return Object.entries(tags).every(([k, v]) => have.get(k) === v);
  });
  return toViews(ctx, matching, "GetInstances");
}

/** findByIdsOrNames accepts instance names (Lightsail's ids) and instance ARNs. */
export async function findByIdsOrNames(ctx: DriverContext, idsOrNames: string[]): Promise<InstanceView[]> {
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
