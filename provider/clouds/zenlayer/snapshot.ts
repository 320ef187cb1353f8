/**
 * zenlayerSnapshotDriver is absent on purpose: the Zenlayer VM API that lightfleet drives has no call that snapshots
 * an instance, so there is no InstanceSnapshot resource on Zenlayer. The snapshot registry records the absence, and
 * the manifest says the same with its undefined snapshotSourceField.
 */
export const zenlayerSnapshotDriver = undefined;
