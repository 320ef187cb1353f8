export { jdcloudDriver } from "./driver";
export { jdcloudManifest } from "./manifest";
export { jdcloudInstanceSchema, type JdcloudInstanceArgs } from "./schema";
export { jdcloudSnapshotDriver } from "./snapshot";
