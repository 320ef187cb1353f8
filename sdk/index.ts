/**
 * lightfleet: lightweight cloud VMs on AWS Lightsail, Tencent Cloud Lighthouse, Zenlayer Cloud and JD Cloud coc-vm,
 * as Pulumi resources.
 */
export { Instance, type InstanceArgs, type LateCloud, type LateCloudInstanceArgs } from "./instance";
export type { InstanceSummary } from "../provider/core/outputs";
export type * from "./types";
export { InstanceSnapshot, type InstanceSnapshotArgs, type LateCloudSnapshotArgs, type SnapshotSource } from "./instanceSnapshot";
