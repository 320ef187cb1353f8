/**
 * lightfleet: lightweight cloud VMs on AWS Lightsail, Tencent Cloud Lighthouse, Zenlayer Cloud and JD Cloud coc-vm,
 * as Pulumi resources.
 */
export { Instance, type InstanceArgs, type Inputs } from "./instance";
export type { InstanceSummary } from "../provider/core/outputs";
export type { LightsailInstanceArgs } from "../provider/clouds/lightsail";
export type { LighthouseInstanceArgs } from "../provider/clouds/lighthouse";
export type { ZenlayerInstanceArgs } from "../provider/clouds/zenlayer";
export type { JdcloudInstanceArgs } from "../provider/clouds/jdcloud";
export { InstanceSnapshot, type InstanceSnapshotArgs, type SnapshotSource } from "./instanceSnapshot";
export type { LightsailSnapshotArgs } from "../provider/clouds/lightsail";
export type { LighthouseSnapshotArgs } from "../provider/clouds/lighthouse";
