import { z } from "zod";

/**
 * The outputs every cloud's resources expose besides their inputs, as zod schemas: the TypeScript types
 * (InstanceSummary, InstanceDetail) are inferred from them and the package schema's output types are generated from
 * them, so the two cannot drift apart. outputs.ts keeps the output key lists the SDK reads: it imports only the types
 * from here, so a user's program never loads zod.
 */

/** instanceStateSchema is an instance's state in the same words on every cloud. */
export const instanceStateSchema = z
  .enum(["pending", "running", "stopped", "deleting", "failed", "deleted"])
  .describe(
    "The state in lightfleet's words, the same on every cloud: `pending` (starting, stopping or rebooting, or running without its addresses yet), `running` (with its addresses), `stopped`, `deleting` (on its way out), `failed` (its launch failed) and `deleted` (the cloud no longer lists it); `cloudState` is the cloud's own.",
  );

/** InstanceState is an instance's state in the same words on every cloud. */
export type InstanceState = z.infer<typeof instanceStateSchema>;

/**
 * instanceDetailShape is what a cloud's describe call says about one instance beyond its ids, addresses and state;
 * each cloud fills the fields its API returns and leaves the others out.
 */
const instanceDetailShape = {
  arn: z.string().optional().describe("The instance's ARN (Lightsail)."),
  username: z.string().optional().describe("The user to log in as over SSH, e.g. `ubuntu` or `ec2-user` (Lightsail)."),
  isStaticIp: z.boolean().optional().describe("Whether a static IP is attached (Lightsail)."),
  cpuCount: z.number().optional().describe("Number of vCPUs (Lightsail, Lighthouse, Zenlayer)."),
  ramSizeInGb: z.number().optional().describe("Memory in GiB (Lightsail, Lighthouse, Zenlayer)."),
  blueprintId: z.string().optional().describe("The image the instance was created from (Lightsail, Lighthouse)."),
  bundleId: z.string().optional().describe("The plan the instance runs on (Lightsail, Lighthouse)."),
  instanceType: z.string().optional().describe("The machine type (Zenlayer, JD Cloud)."),
  imageId: z.string().optional().describe("The image the instance was created from (Zenlayer, JD Cloud)."),
  chargeType: z.string().optional().describe("How the instance is billed, as the cloud names it: `PREPAID`, `POSTPAID` (Lighthouse, Zenlayer), `prepaid_by_duration` (JD Cloud)."),
  expiresAt: z.string().optional().describe("When a prepaid instance expires unless renewed, ISO 8601 in UTC (Lighthouse, Zenlayer, JD Cloud)."),
};

/** instanceDetailSchema is the per-instance detail of a describe call. */
export const instanceDetailSchema = z.object(instanceDetailShape);

/** InstanceDetail is what a cloud's describe call says about one instance beyond its ids, addresses and state. */
export type InstanceDetail = z.infer<typeof instanceDetailSchema>;

/** instanceSummarySchema is one instance in the `instances` output: the same fields mean the same on every cloud. */
export const instanceSummarySchema = z
  .object({
    id: z.string().describe("The instance id (its name on Lightsail)."),
    name: z.string().describe("The instance name."),
    state: instanceStateSchema,
    cloudState: z.string().describe("The state as the cloud wrote it, e.g. `running` (Lightsail), `RUNNING` (Lighthouse, Zenlayer), `stopped` (JD Cloud)."),
    publicIp: z.string().optional().describe("The public IPv4 address, when the instance has one."),
    privateIp: z.string().optional().describe("The private IPv4 address, when the instance has one."),
    zone: z.string().optional().describe("The availability zone the instance runs in."),
    createdAt: z.string().optional().describe("When the instance was created, ISO 8601 in UTC (e.g. `2026-12-01T13:47:51Z`)."),
    ...instanceDetailShape,
  })
  .describe("One instance of the fleet: the same fields mean the same on every cloud.");

/** InstanceSummary is one instance in the `instances` output. */
export type InstanceSummary = z.infer<typeof instanceSummarySchema>;

/** instanceOutputSchema is what an Instance resource exposes besides its inputs (INSTANCE_OUTPUT_KEYS). */
export const instanceOutputSchema = z.object({
  instanceIds: z.array(z.string()).describe("Instance ids (instance names on Lightsail), in fleet order."),
  publicIps: z.array(z.string()).describe('Public IPv4 address of each instance, in the order of instanceIds ("" where it has none).'),
  privateIps: z.array(z.string()).describe('Private IPv4 address of each instance, in the order of instanceIds ("" where it has none).'),
  ipv6Addresses: z.array(z.string()).describe("Every IPv6 address of the fleet."),
  instances: z.array(instanceSummarySchema).describe("Each instance, in the order of instanceIds: its id, name, state, addresses, zone, creation time and the detail the cloud's describe call returns."),
});

/** snapshotOutputSchema is what an InstanceSnapshot resource records besides its inputs (SNAPSHOT_OUTPUT_KEYS). */
export const snapshotOutputSchema = z.object({
  snapshotId: z.string().describe("The snapshot's id (its name on Lightsail)."),
  name: z.string().describe("The snapshot's name."),
  state: z.string().describe("The cloud's state of the snapshot: `available` on Lightsail, `NORMAL` on Lighthouse once usable."),
  args: z.record(z.string(), z.unknown()).describe("The validated inputs (defaults applied) that the next diff compares against."),
  arn: z.string().optional().describe("The snapshot's ARN (Lightsail)."),
  sizeInGb: z.number().optional().describe("The snapshot's size in GB."),
  fromInstanceName: z.string().optional().describe("The instance the snapshot was made from (Lightsail)."),
  fromBlueprintId: z.string().optional().describe("The blueprint of the instance the snapshot was made from (Lightsail)."),
  fromBundleId: z.string().optional().describe("The bundle of the instance the snapshot was made from (Lightsail)."),
  createdAt: z.string().optional().describe("When the snapshot was made, ISO 8601."),
  percent: z.number().optional().describe("How far the snapshot has been made, in percent (Lighthouse)."),
  diskId: z.string().optional().describe("The disk the snapshot was made of (Lighthouse)."),
});
