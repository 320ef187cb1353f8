export { lighthouseDriver } from "./lighthouseDriver";
export { lighthouseInstanceSchema, type LighthouseInstanceArgs, type LighthouseInstanceInputs } from "./schema";
export { createInstanceSnapshot, describeSnapshot, deleteSnapshots, type LighthouseSnapshot, type SnapshotRequest } from "./snapshots";
