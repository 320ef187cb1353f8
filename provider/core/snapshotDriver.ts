import { z } from "zod";
import type { DriverContext } from "./driver";
import type { CloudName, Phase } from "./types";
import { commonShape } from "./commonSchema";

/** snapshotCommonShape holds the inputs every snapshot variant has besides its cloud's parameters. */
export const snapshotCommonShape = {
  region: commonShape.region,
  timeouts: commonShape.timeouts,
  endpoint: commonShape.endpoint,
  account: commonShape.account,
  owner: commonShape.owner,
};

/** SnapshotCommonArgs are the snapshot inputs common to every cloud, as core sees them. */
export type SnapshotCommonArgs = z.infer<z.ZodObject<typeof snapshotCommonShape>> & { cloud: CloudName };

/** SnapshotView is one snapshot as a snapshot driver reports it. */
export interface SnapshotView {
  id: string;
  name: string;
  state: string;
  /** `pending` while being made, `ready` when usable, `failed` when the cloud gave up, `deleting` on the way out. */
  phase: Phase;
  failure?: { code: string; message: string };
  /** The cloud's fields that become the resource's outputs (e.g. arn, sizeInGb, fromInstanceName). */
  outputs: Record<string, unknown>;
  /** The snapshot's tags, lightfleet's own included. */
  tags: Record<string, string>;
}

/**
 * SnapshotDriver is one cloud's instance snapshot API. Contract as for CloudDriver: describe leaves out what the
 * cloud does not list; delete treats an already-deleted snapshot as success (core waits until it is gone).
 */
export interface SnapshotDriver<A extends SnapshotCommonArgs = SnapshotCommonArgs> {
  /** The cloud, the one its inputs name. */
  readonly cloud: A["cloud"];
  readonly schema: z.ZodType<A>;
  /** How many snapshot ids one describe call takes. */
  readonly describeBatchSize: number;
  create(ctx: DriverContext, args: A, ownerTags: Record<string, string>): Promise<{ id: string; requestId?: string }>;
  describe(ctx: DriverContext, ids: string[]): Promise<Map<string, SnapshotView>>;
  delete(ctx: DriverContext, id: string): Promise<void>;
  /**
   * The cloud's inputs (without `cloud`, `region`, `tags` and the other common fields) that make this snapshot, worked
   * out from what the cloud reports: for `pulumi import`, which reads a snapshot from its id alone.
   */
  inputsFrom(ctx: DriverContext, view: SnapshotView): Promise<Record<string, unknown>>;
}

/** describeEach serves a describe of several snapshots from a cloud call that looks up one at a time. */
export async function describeEach<S>(
  ids: string[],
  lookUp: (id: string) => Promise<S | undefined>,
  view: (s: S) => SnapshotView,
): Promise<Map<string, SnapshotView>> {
  const out = new Map<string, SnapshotView>();
  for (const id of ids) {
    const s = await lookUp(id);
    if (s !== undefined) out.set(id, view(s));
  }
  return out;
}
