import { createHash } from "crypto";
import type { CloudDriver, DriverContext } from "../../core/driver";
import { isCloudError } from "../../core/errors";
import type { InstanceView } from "../../core/types";
import { filterQuery, jdcloudCall, malformed } from "./client";
import { jdcloudInstanceSchema, type JdcloudInstanceArgs } from "./schema";
import { DELETABLE, STATES, status, toView } from "./status";
import { statesBut, waitInstancesGone, waitInstancesIn, type WaitDeclaration } from "../../core/waits";
import { preflight } from "./preflight";

/** The page size describeInstances allows at most, and the number of ids one instanceId filter takes. */
const PAGE = 100;

function regionPath(ctx: DriverContext): string {
  return `/v1/regions/${encodeURIComponent(ctx.region)}`;
}

/** clientTokenFor keeps core's token within coc-vm's 64 characters. */
function clientTokenFor(token: string): string {
  return token.length <= 64 ? token : createHash("sha256").update(token).digest("hex");
}

function dropUndefined(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v));
}

async function describePage(ctx: DriverContext, filters: Array<{ name: string; values: string[] }>, page: number) {
  const call = jdcloudCall(
    ctx,
    {
      operation: "describeInstances",
      method: "GET",
      path: `${regionPath(ctx)}/instances`,
      query: [["pageNumber", String(page)], ["pageSize", String(PAGE)], ...filterQuery(filters)],
    },
    (result) => {
      if (!Array.isArray(result.instances)) throw malformed("describeInstances", "the answer has no instances list");
      const views = result.instances.map((raw) => toView("describeInstances", raw));
      return { views, total: typeof result.totalCount === "number" ? result.totalCount : views.length };
    },
  );
  return (await ctx.send(call)).result;
}

/** describeAll pages through describeInstances with the given filters. */
async function describeAll(ctx: DriverContext, filters: Array<{ name: string; values: string[] }>): Promise<InstanceView[]> {
  const out: InstanceView[] = [];
  for (let page = 1; ; page++) {
    const { views, total } = await describePage(ctx, filters, page);
    out.push(...views);
    if (views.length < PAGE || out.length >= total) return out;
  }
}

async function describe(ctx: DriverContext, ids: string[]): Promise<Map<string, InstanceView>> {
  const out = new Map<string, InstanceView>();
  for (let i = 0; i < ids.length; i += PAGE) {
    for (const v of await describeAll(ctx, [{ name: "instanceId", values: ids.slice(i, i + PAGE) }])) out.set(v.id, v);
  }
  return out;
}

function deleteCall(ctx: DriverContext, id: string) {
  return jdcloudCall(ctx, { operation: "deleteInstance", method: "DELETE", path: `${regionPath(ctx)}/instances/${encodeURIComponent(id)}` }, () => undefined);
}

/** deleteOne asks coc-vm to delete one instance; an instance that is already gone counts as deleted. */
async function deleteOne(ctx: DriverContext, id: string): Promise<void> {
  try {
    await ctx.send(deleteCall(ctx, id));
  } catch (err) {
    if (isCloudError(err) && err.code === "NOT_FOUND") return;
    throw err;
  }
}

const SETTLED = [...DELETABLE, "deleting", "gone"];

/** deletable: deleteInstance is refused while an instance starts, stops, reboots, rebuilds or resizes. */
const deletable: WaitDeclaration<InstanceView, string> = {
  what: "instances to reach a deletable state (running, stopped or error)",
  status: (v) => v?.state ?? "gone",
  pending: statesBut(STATES, SETTLED),
  target: SETTLED,
};

/** remove waits until every instance is deletable (or already on its way out), deletes those, and waits until all are gone. */
async function remove(ctx: DriverContext, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const settled = await waitInstancesIn(ctx, unique, deletable);
  const now = unique.filter((id) => DELETABLE.has(settled.get(id)?.state ?? "gone"));
  await Promise.all(now.map((id) => deleteOne(ctx, id)));
  await waitInstancesGone(ctx, unique);
}

/** jdcloudDriver manages JD Cloud partner-cloud VMs (coc-vm) through its OpenAPI, signed with JDCLOUD2. */
export const jdcloudDriver: CloudDriver<JdcloudInstanceArgs> = {
  cloud: "jdcloud",
  schema: jdcloudInstanceSchema,
  // coc-vm publishes no rate limit: stay well under what one account may send.
  rateLimits: { createInstances: 5, describeInstances: 10, deleteInstance: 10, modifyInstanceAttribute: 10 },
  defaultRate: 10,
  describeBatchSize: PAGE,
  fieldRules: {
    instanceSpec: "replace",
    "instanceSpec.name": "update",
    "instanceSpec.description": "update",
    maxCount: "update",
  },
  secretPaths: [["instanceSpec", "password"]],
  namesMustBeUnique: false,
  regionVariables: ["JDCLOUD_REGION"],
  endpoint: () => "https://coc-vm.jdcloud-api.com",
  async credentialsFromChain() {
    const accessKeyId = process.env.JDCLOUD_ACCESS_KEY;
    const secretAccessKey = process.env.JDCLOUD_SECRET_KEY;
    return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
  },
  credentialHelp:
    "set JDCLOUD_ACCESS_KEY and JDCLOUD_SECRET_KEY, or the stack config lightfleet:jdcloudAccessKey and lightfleet:jdcloudSecretKey (--secret)",
  desiredNames: () => undefined,
  desiredCount: (args) => args.maxCount ?? 1,

  // coc-vm has no tags, so ownerTags cannot be set; the client token makes a repeated create return the same ids.
  async create(ctx, args, req) {
    const call = jdcloudCall(
      ctx,
      {
        operation: "createInstances",
        method: "POST",
        path: `${regionPath(ctx)}/instances`,
        body: { maxCount: req.count, clientToken: clientTokenFor(req.clientToken), instanceSpec: dropUndefined(args.instanceSpec) },
      },
      (result) => {
        const ids = result.instanceIds;
        if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string")) throw malformed("createInstances", "the answer has no instanceIds");
        return ids as string[];
      },
    );
    const { result: ids, requestId } = await ctx.send(call);
    return { ids, requestId };
  },

  describe,

  status,

  list: (ctx) => describeAll(ctx, []),

  findByTags: async () => [],

  // coc-vm has no tags: the instances bearing the fleet's name are the ones it holds.
  preflight: (ctx, args) =>
    preflight(ctx, args, async () => (await describeAll(ctx, [{ name: "name", values: [args.instanceSpec.name] }])).filter((v) => v.name === args.instanceSpec.name)),

  async findByIdsOrNames(ctx, list) {
    const ids = list.filter((x) => /^i-[a-z0-9]+$/.test(x));
    const names = list.filter((x) => !ids.includes(x));
    const found = new Map<string, InstanceView>(await describe(ctx, ids));
    for (const name of names) {
      // The name filter matches substrings; adoption wants the exact name.
      for (const v of await describeAll(ctx, [{ name: "name", values: [name] }])) if (v.name === name) found.set(v.id, v);
    }
    return [...found.values()];
  },

  delete: remove,

  async update(ctx, instances, olds, news) {
    const change: Record<string, string> = {};
    if (news.instanceSpec.name !== olds.instanceSpec.name) change.name = news.instanceSpec.name;
    if ((news.instanceSpec.description ?? "") !== (olds.instanceSpec.description ?? "")) change.description = news.instanceSpec.description ?? "";
    if (Object.keys(change).length === 0) return;
    await Promise.all(
      instances.map(async (inst) => {
        try {
          await ctx.send(
            jdcloudCall(
              ctx,
              {
                operation: "modifyInstanceAttribute",
                method: "POST",
                path: `${regionPath(ctx)}/instances/${encodeURIComponent(inst.id)}:modifyInstanceAttribute`,
                body: change,
              },
              () => undefined,
            ),
          );
        } catch (err) {
          // An instance deleted meanwhile has nothing left to rename; core re-creates it.
          if (isCloudError(err) && err.code === "NOT_FOUND") return;
          throw err;
        }
      }),
    );
  },
};
