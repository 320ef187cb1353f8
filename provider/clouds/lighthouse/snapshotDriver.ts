import { z } from "zod";
import type { SnapshotDriver, SnapshotView } from "../../core/snapshotDriver";
import { describeEach, snapshotCommonShape } from "../../core/snapshotDriver";
import { lighthouseRegionSchema, tagsSchema } from "./schema";
import { tagValue } from "./driver";
import { createInstanceSnapshot, deleteSnapshots, describeSnapshot, type LighthouseSnapshot } from "./snapshots";

/** lighthouseSnapshotSchema is the InstanceSnapshot input on Lighthouse: CreateInstanceSnapshot's parameters. */
export const lighthouseSnapshotSchema = z.strictObject({
  /** Selects the Tencent Cloud Lighthouse variant. */
  cloud: z.literal("lighthouse"),
  ...snapshotCommonShape,
  /** The Lighthouse region, e.g. `ap-guangzhou`. */
  region: lighthouseRegionSchema,
  /** The instance to snapshot (`lhins-...`). */
  instanceId: z.string().regex(/^lhins-[a-z0-9]{8}$/, { message: 'must be an instance id such as "lhins-0f71373n"' }),
  /** The snapshot's display name: at most 60 characters. */
  snapshotName: z.string().min(1, { message: "must be 1-60 characters" }).max(60, { message: "must be 1-60 characters" }).optional(),
  /** Tags for the snapshot (Lighthouse's tag rules). */
  tags: tagsSchema.optional(),
});

/** LighthouseSnapshotArgs are the InstanceSnapshot inputs on Lighthouse. */
export type LighthouseSnapshotArgs = z.input<typeof lighthouseSnapshotSchema>;
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
  };
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
};
