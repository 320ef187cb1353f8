import { createHash } from "crypto";
import type { CloudDriver, DriverContext } from "../../core/driver";
import type { InstanceView } from "../../core/types";
import { jdcloudCall, jdcloudCredentials, malformed, regionPath } from "./client";
import { isNotFound } from "./errors";
import { describe, describeAll, findByIdsOrNames, findByTags, list } from "./find";
import { jdcloudManifest } from "./manifest";
import { jdcloudAutoNaming, jdcloudInstanceSchema, type JdcloudInstanceArgs } from "./schema";
import { DELETABLE, STATES, inputsFrom, status } from "./status";
import { statesBut, waitInstancesGone, waitInstancesIn, type WaitDeclaration } from "../../core/waits";
import { preflight } from "./preflight";

/** clientTokenFor keeps core's token within coc-vm's 64 characters. */
function clientTokenFor(token: string): string {
  return token.length <= 64 ? token : createHash("sha256").update(token).digest("hex");
}

function dropUndefined(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v));
}

function deleteCall(ctx: DriverContext, id: string) {
  return jdcloudCall(ctx, { operation: "deleteInstance", method: "DELETE", path: `${regionPath(ctx)}/instances/${encodeURIComponent(id)}` }, () => undefined);
}

/** deleteOne asks coc-vm to delete one instance; an instance that is already gone counts as deleted. */
async function deleteOne(ctx: DriverContext, id: string): Promise<void> {
  try {
    await ctx.send(deleteCall(ctx, id));
  } catch (err) {
    if (isNotFound(err)) return;
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
  ...jdcloudManifest,
  schema: jdcloudInstanceSchema,
  autoNaming: jdcloudAutoNaming,
  endpoint: () => "https://coc-vm.jdcloud-api.com",
  credentialsFromChain: jdcloudCredentials,
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

  list,

  findByTags,

  // coc-vm has no tags: the instances bearing the fleet's name are the ones it holds.
  preflight: (ctx, args) =>
    preflight(ctx, args, async () => (await describeAll(ctx, [{ name: "name", values: [args.instanceSpec.name ?? ""] }])).filter((v) => v.name === args.instanceSpec.name)),

  findByIdsOrNames,

  delete: remove,

  inputsFrom,

  async update(ctx, instances, olds, news) {
    const change: Record<string, string> = {};
    if (news.instanceSpec.name !== undefined && news.instanceSpec.name !== olds.instanceSpec.name) change.name = news.instanceSpec.name;
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
          if (isNotFound(err)) return;
          throw err;
        }
      }),
    );
  },
};
