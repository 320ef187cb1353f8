export { lighthouseDriver } from "./driver";
export { lighthouseManifest } from "./manifest";
export { lighthouseInstanceSchema, lighthouseSnapshotSchema, type LighthouseInstanceArgs, type LighthouseInstanceInputs, type LighthouseSnapshotArgs } from "./schema";
export { lighthouseSnapshotDriver, createInstanceSnapshot, describeSnapshot, deleteSnapshots, type LighthouseSnapshot, type SnapshotRequest } from "./snapshot";
