import type { z } from "zod";
import type { DriverContext } from "../../core/driver";
import { CloudError } from "../../core/errors";
import { describeEach, type SnapshotDriver, type SnapshotView } from "../../core/snapshotDriver";
import { lightsailCall } from "./client";
import { isNotFound } from "./errors";
import { lightsailSnapshotSchema } from "./schema";

/** LightsailInstanceSnapshot is one instance snapshot as GetInstanceSnapshot reports it. */
export interface LightsailInstanceSnapshot {
  name: string;
  arn: string;
  /** `pending`, `error` or `available`. */
  state: string;
  /** e.g. `50%`. */
  progress?: string;
  fromInstanceName?: string;
  fromBlueprintId?: string;
  fromBundleId?: string;
  sizeInGb?: number;
  /** ISO time of creation. */
  createdAt?: string;
  tags: Record<string, string>;
}

/** CreateInstanceSnapshotArgs name the snapshot, its instance and its tags. */
export interface CreateInstanceSnapshotArgs {
  instanceSnapshotName: string;
  instanceName: string;
  tags?: Record<string, string>;
}

function toSnapshot(raw: Record<string, unknown>): LightsailInstanceSnapshot {
  if (typeof raw.name !== "string" || typeof raw.state !== "string") {
    throw new CloudError({
      cloud: "lightsail",
      operation: "GetInstanceSnapshot",
      code: "MalformedResponse",
      message: "the snapshot has no name or state",
    });
  }
  const tags: Record<string, string> = {};
  for (const t of Array.isArray(raw.tags) ? (raw.tags as Array<Record<string, unknown>>) : []) {
    if (typeof t.key === "string") tags[t.key] = typeof t.value === "string" ? t.value : "";
  }
  return {
    name: raw.name,
    arn: String(raw.arn ?? ""),
    state: raw.state,
    ...(typeof raw.progress === "string" ? { progress: raw.progress } : {}),
    ...(typeof raw.fromInstanceName === "string" ? { fromInstanceName: raw.fromInstanceName } : {}),
    ...(typeof raw.fromBlueprintId === "string" ? { fromBlueprintId: raw.fromBlueprintId } : {}),
    ...(typeof raw.fromBundleId === "string" ? { fromBundleId: raw.fromBundleId } : {}),
    ...(typeof raw.sizeInGb === "number" ? { sizeInGb: raw.sizeInGb } : {}),
    ...(typeof raw.createdAt === "number" ? { createdAt: new Date(raw.createdAt * 1000).toISOString() } : {}),
    tags,
  };
}

/** createInstanceSnapshot starts a snapshot of an instance; it is `pending` until `available`. */
export async function createInstanceSnapshot(ctx: DriverContext, args: CreateInstanceSnapshotArgs): Promise<{ operationIds: string[] }> {
  const out = await ctx.send(
    lightsailCall<{ operations?: Array<Record<string, unknown>> }>(ctx, "CreateInstanceSnapshot", {
      instanceSnapshotName: args.instanceSnapshotName,
      instanceName: args.instanceName,
      tags: Object.entries(args.tags ?? {}).map(([key, value]) => ({ key, value })),
    }),
  );
  return { operationIds: (out.operations ?? []).map((o) => String(o.id)) };
}

/** getInstanceSnapshot describes a snapshot, or answers undefined when it does not exist. */
export async function getInstanceSnapshot(ctx: DriverContext, name: string): Promise<LightsailInstanceSnapshot | undefined> {
  try {
    const out = await ctx.send(
      lightsailCall<{ instanceSnapshot?: Record<string, unknown> }>(ctx, "GetInstanceSnapshot", { instanceSnapshotName: name }),
    );
    return toSnapshot(out.instanceSnapshot ?? {});
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** deleteInstanceSnapshot deletes a snapshot; one that is already gone counts as deleted. */
export async function deleteInstanceSnapshot(ctx: DriverContext, name: string): Promise<void> {
  try {
    await ctx.send(lightsailCall(ctx, "DeleteInstanceSnapshot", { instanceSnapshotName: name }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

type Args = z.output<typeof lightsailSnapshotSchema>;

const phases: Record<string, SnapshotView["phase"]> = { pending: "pending", available: "ready", error: "failed" };

function view(s: LightsailInstanceSnapshot): SnapshotView {
  return {
    id: s.name,
    name: s.name,
    state: s.state,
    phase: phases[s.state] ?? "pending",
    ...(s.state === "error" ? { failure: { code: "error", message: "Lightsail could not make the snapshot" } } : {}),
    outputs: {
      arn: s.arn,
      sizeInGb: s.sizeInGb,
      fromInstanceName: s.fromInstanceName,
      fromBlueprintId: s.fromBlueprintId,
      fromBundleId: s.fromBundleId,
      createdAt: s.createdAt,
    },
    tags: s.tags,
  };
}

/** lightsailSnapshotDriver makes instance snapshots with CreateInstanceSnapshot; the snapshot name is its id. */
export const lightsailSnapshotDriver: SnapshotDriver<Args> = {
  cloud: "lightsail",
  schema: lightsailSnapshotSchema,
  // GetInstanceSnapshot takes one name; the shared poller still coalesces every waiter into one round.
  describeBatchSize: 1000,
  async create(ctx, args, ownerTags) {
    await createInstanceSnapshot(ctx, { instanceSnapshotName: args.instanceSnapshotName, instanceName: args.instanceName, tags: { ...args.tags, ...ownerTags } });
    return { id: args.instanceSnapshotName };
  },
  describe: (ctx, ids) => describeEach(ids, (id) => getInstanceSnapshot(ctx, id), view),
  delete: (ctx, id) => deleteInstanceSnapshot(ctx, id),
  // The snapshot's name is its id; GetInstanceSnapshot names the instance it was made of.
  inputsFrom: async (_ctx, v) => ({ instanceSnapshotName: v.name, ...(typeof v.outputs.fromInstanceName === "string" ? { instanceName: v.outputs.fromInstanceName } : {}) }),
};
