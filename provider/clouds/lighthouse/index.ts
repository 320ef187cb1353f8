export { lighthouseDriver } from "./driver";
export { lighthouseInstanceSchema, type LighthouseInstanceArgs, type LighthouseInstanceInputs } from "./schema";
export { createInstanceSnapshot, describeSnapshot, deleteSnapshots, type LighthouseSnapshot, type SnapshotRequest } from "./snapshots";
