/**
 * jdcloudSnapshotDriver is absent on purpose: coc-vm has no call that snapshots an instance, so there is no
 * InstanceSnapshot resource on JD Cloud. The snapshot registry records the absence, and the manifest says the same
 * with its undefined snapshotSourceField.
 */
export const jdcloudSnapshotDriver = undefined;
