export { lightsailDriver } from "./driver";
export { lightsailManifest } from "./manifest";
export { lightsailInstanceSchema, lightsailSnapshotSchema, type LightsailInstanceArgs, type LightsailInstanceInputs, type LightsailSnapshotArgs } from "./schema";
export {
  lightsailSnapshotDriver,
  createInstanceSnapshot,
  getInstanceSnapshot,
  deleteInstanceSnapshot,
  type CreateInstanceSnapshotArgs,
  type LightsailInstanceSnapshot,
} from "./snapshot";
