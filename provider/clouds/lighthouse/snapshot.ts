import type { z } from "zod";
import type { DriverContext } from "../../core/driver";
import { describeEach, type SnapshotDriver, type SnapshotView } from "../../core/snapshotDriver";
import { lighthouseCall, malformed, tagValue } from "./client";
import { isNotFound } from "./errors";
import { list } from "./find";
import { lighthouseSnapshotSchema } from "./schema";

/** LighthouseSnapshot is one instance snapshot as DescribeSnapshots reports it. */
export interface LighthouseSnapshot {
  snapshotId: string;
  name: string;
  /** NORMAL, CREATING or ROLLBACKING. */
  state: string;
  /** Progress of creation, 0-100. */
  percent: number;
  diskId?: string;
  diskSize?: number;
  createdAt?: string;
  latestOperation?: string;
  latestOperationState?: string;
  tags: Record<string, string>;
}

/** SnapshotRequest names the instance to snapshot and, optionally, the snapshot's name (at most 60 characters) and tags. */
export interface SnapshotRequest {
  instanceId: string;
  snapshotName?: string;
  tags?: Record<string, string>;
}

function toSnapshot(item: unknown): LighthouseSnapshot {
  const s = (item ?? {}) as Record<string, unknown>;
  if (typeof s.SnapshotId !== "string" || typeof s.SnapshotState !== "string") {
    throw malformed("DescribeSnapshots", "a SnapshotSet item has no SnapshotId or SnapshotState");
  }
  return {
    snapshotId: s.SnapshotId,
    name: typeof s.SnapshotName === "string" ? s.SnapshotName : "",
    state: s.SnapshotState,
    percent: typeof s.Percent === "number" ? s.Percent : 0,
    diskId: typeof s.DiskId === "string" ? s.DiskId : undefined,
    diskSize: typeof s.DiskSize === "number" ? s.DiskSize : undefined,
    createdAt: typeof s.CreatedTime === "string" ? s.CreatedTime : undefined,
    latestOperation: typeof s.LatestOperation === "string" ? s.LatestOperation : undefined,
    latestOperationState: typeof s.LatestOperationState === "string" ? s.LatestOperationState : undefined,
    tags: Object.fromEntries(
      (Array.isArray(s.Tags) ? (s.Tags as Array<Record<string, unknown>>) : []).map((t) => [String(t.Key), String(t.Value ?? "")]),
    ),
  };
}

/** createInstanceSnapshot starts a snapshot of an instance's system disk and returns its id (it is CREATING at first). */
export async function createInstanceSnapshot(ctx: DriverContext, req: SnapshotRequest): Promise<string> {
  const params: Record<string, unknown> = { InstanceId: req.instanceId };
  if (req.snapshotName !== undefined) params.SnapshotName = req.snapshotName;
  if (req.tags && Object.keys(req.tags).length > 0) params.Tags = Object.entries(req.tags).map(([Key, Value]) => ({ Key, Value }));
  return lighthouseCall(ctx, "CreateInstanceSnapshot", params, (r) => {
    if (typeof r.SnapshotId !== "string") throw malformed("CreateInstanceSnapshot", "the answer has no SnapshotId");
    return r.SnapshotId;
  });
}

/** describeSnapshot looks one snapshot up; undefined when it does not exist. */
export async function describeSnapshot(ctx: DriverContext, snapshotId: string): Promise<LighthouseSnapshot | undefined> {
  const found = await lighthouseCall(ctx, "DescribeSnapshots", { SnapshotIds: [snapshotId] }, (r) =>
    (Array.isArray(r.SnapshotSet) ? r.SnapshotSet : []).map(toSnapshot),
  );
  return found.find((s) => s.snapshotId === snapshotId);
}

/** deleteSnapshots deletes snapshots (10 a call); snapshots that no longer exist count as deleted. */
export async function deleteSnapshots(ctx: DriverContext, snapshotIds: string[]): Promise<void> {
  for (let i = 0; i < snapshotIds.length; i += 10) {
    const batch = snapshotIds.slice(i, i + 10);
    try {
      await lighthouseCall(ctx, "DeleteSnapshots", { SnapshotIds: batch }, () => undefined);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // One missing id fails the whole batch: delete the rest one by one.
      for (const id of batch) {
        try {
          await lighthouseCall(ctx, "DeleteSnapshots", { SnapshotIds: [id] }, () => undefined);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    }
  }
}

type Args = z.output<typeof lighthouseSnapshotSchema>;

function view(s: LighthouseSnapshot): SnapshotView {
  const failed = s.latestOperation === "CreateInstanceSnapshot" && s.latestOperationState === "FAILED";
  return {
    id: s.snapshotId,
    name: s.name,
    state: s.state,
    // A snapshot is usable once NORMAL and its creation operation has finished.
    phase: failed ? "failed" : s.state === "NORMAL" && s.latestOperationState !== "OPERATING" ? "ready" : "pending",
    ...(failed ? { failure: { code: "FAILED", message: "CreateInstanceSnapshot failed" } } : {}),
    outputs: { percent: s.percent, diskId: s.diskId, sizeInGb: s.diskSize, createdAt: s.createdAt },
    tags: s.tags,
  };
}

/**
 * inputsFrom reads a snapshot's inputs: its name, and the instance it was made of, which DescribeSnapshots does not
 * name: the instance whose system disk is the snapshot's disk. A snapshot whose instance is gone imports without one.
 */
async function inputsFrom(ctx: DriverContext, v: SnapshotView): Promise<Record<string, unknown>> {
  const diskId = v.outputs.diskId;
  const source = diskId === undefined ? undefined : (await list(ctx)).find((i) => (i.raw?.SystemDisk as { DiskId?: unknown } | undefined)?.DiskId === diskId);
  return { ...(source ? { instanceId: source.id } : {}), ...(v.name ? { snapshotName: v.name } : {}) };
}

/** lighthouseSnapshotDriver makes system-disk snapshots with CreateInstanceSnapshot. */
export const lighthouseSnapshotDriver: SnapshotDriver<Args> = {
  cloud: "lighthouse",
  schema: lighthouseSnapshotSchema,
  describeBatchSize: 1,
  async create(ctx, args, ownerTags) {
    const tags = { ...args.tags, ...Object.fromEntries(Object.entries(ownerTags).map(([k, v]) => [k, tagValue(v)])) };
    return { id: await createInstanceSnapshot(ctx, { instanceId: args.instanceId, snapshotName: args.snapshotName, tags }) };
  },
  describe: (ctx, ids) => describeEach(ids, (id) => describeSnapshot(ctx, id), view),
  delete: (ctx, id) => deleteSnapshots(ctx, [id]),
  inputsFrom,
};
