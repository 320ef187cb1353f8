import { z } from "zod";
import type { SnapshotDriver, SnapshotView } from "../../core/snapshotDriver";
import { describeEach, snapshotCommonShape } from "../../core/snapshotDriver";
import { lightsailRegionSchema, nameSchema, required, tagsSchema } from "./schema";
import { createInstanceSnapshot, deleteInstanceSnapshot, getInstanceSnapshot, type LightsailInstanceSnapshot } from "./snapshots";

/** lightsailSnapshotSchema is the InstanceSnapshot input on Lightsail: CreateInstanceSnapshot's parameters. */
export const lightsailSnapshotSchema = z.strictObject({
  /** Selects the AWS Lightsail variant. */
  cloud: z.literal("lightsail"),
  ...snapshotCommonShape,
  /** The Lightsail region, e.g. `us-east-1`. */
  region: lightsailRegionSchema,
  /** The name for the new snapshot (unique in the region). */
  instanceSnapshotName: nameSchema("snapshot names"),
  /** The instance to snapshot (its name, which is its id on Lightsail). */
  instanceName: z.string({ error: required("the name of the instance to snapshot") }).min(1, { message: "is required: the name of the instance to snapshot" }),
  /** Tags for the snapshot: keys up to 128 and values up to 256 letters, numbers, spaces or `+ - = . _ : / @`. */
  tags: tagsSchema.optional(),
});

/** LightsailSnapshotArgs are the InstanceSnapshot inputs on Lightsail. */
export type LightsailSnapshotArgs = z.input<typeof lightsailSnapshotSchema>;
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
};
