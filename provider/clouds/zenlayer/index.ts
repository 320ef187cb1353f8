export { zenlayerDriver } from "./driver";
export { zenlayerManifest } from "./manifest";
export { zenlayerInstanceSchema, type ZenlayerInstanceArgs } from "./schema";
export { zenlayerSnapshotDriver } from "./snapshot";
