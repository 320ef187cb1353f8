export { lightsailDriver } from "./driver";
export { lightsailInstanceSchema, type LightsailInstanceArgs, type LightsailInstanceInputs } from "./schema";
export {
  createInstanceSnapshot,
  getInstanceSnapshot,
  deleteInstanceSnapshot,
  type CreateInstanceSnapshotArgs,
  type LightsailInstanceSnapshot,
} from "./snapshots";
