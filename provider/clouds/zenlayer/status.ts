import { z } from "zod";
import { CloudError } from "../../core/errors";
import { cloudTime } from "../../core/times";
import type { InstanceView, Phase } from "../../core/types";
import { generatedFor } from "../../core/naming";
import { commonOwnerTag } from "../../core/ownership";
import { instanceNames, zenlayerAutoNaming, type ZenlayerInstanceArgs } from "./schema";

/** phases maps every instanceStatus Zenlayer documents to lightfleet's phase (RUNNING is decided by its addresses). */
const phases: Record<string, Phase> = {
  PENDING: "pending",
  DEPLOYING: "pending",
  REBUILDING: "pending",
  BOOTING: "pending",
  STOPPING: "pending",
  RUNNING: "ready",
  STOPPED: "stopped",
  RECYCLING: "deleting",
  RECYCLE: "deleting",
  RELEASING: "deleting",
  CREATE_FAILED: "failed",
};

/** STATES are the instanceStatus values Zenlayer documents. */
export const STATES = Object.keys(phases);

/** CREATING are the states in which Zenlayer refuses every operation on an instance. */
export const CREATING = new Set(["PENDING", "DEPLOYING"]);

const ips = z.array(z.string()).nullish().transform((v) => v ?? []);

/** instanceInfoSchema is the part of InstanceInfo lightfleet relies on; anything else passes through untouched. */
const instanceInfoSchema = z.looseObject({
  instanceId: z.string().min(1),
  instanceName: z.string().nullish(),
  instanceStatus: z.string().min(1),
  zoneId: z.string().nullish(),
  createTime: z.string().nullish(),
  instanceType: z.string().nullish().catch(undefined),
  imageId: z.string().nullish().catch(undefined),
  instanceChargeType: z.string().nullish().catch(undefined),
  expiredTime: z.string().nullish().catch(undefined),
  cpuCount: z.number().nullish().catch(undefined),
  memory: z.number().nullish().catch(undefined),
  publicIpAddresses: ips,
  publicIpv6Addresses: ips,
  privateIpAddresses: ips,
  tags: z
    .object({ tags: z.array(z.object({ key: z.string(), value: z.string().nullish() })).nullish() })
    .nullish(),
});

/**
 * toView reads one InstanceInfo. Its phase is the one under the default inputs, which ask for a public IPv4: RUNNING
 * is `ready` only with one (`status` decides for a fleet's own inputs). An unknown status or a missing field is a
 * MalformedResponse CloudError.
 */
export function toView(info: unknown): InstanceView {
  const parsed = instanceInfoSchema.safeParse(info);
  if (!parsed.success) {
    throw new CloudError({
      cloud: "zenlayer",
      operation: "DescribeInstances",
      code: "MalformedResponse",
      message: `an instance in the answer lacks ${parsed.error.issues.map((i) => i.path.join(".") || "its fields").join(", ")}`,
    });
  }
  const i = parsed.data;
  let phase = phases[i.instanceStatus];
  if (!phase) {
    throw new CloudError({
      cloud: "zenlayer",
      operation: "DescribeInstances",
      code: "MalformedResponse",
      message: `instance ${i.instanceId} has the unknown status ${JSON.stringify(i.instanceStatus)}`,
    });
  }
  if (phase === "ready" && i.publicIpAddresses.length === 0) phase = "pending";
  const tags: Record<string, string> = {};
  for (const t of i.tags?.tags ?? []) tags[t.key] = t.value ?? "";
  return {
    id: i.instanceId,
    name: i.instanceName ?? "",
    state: i.instanceStatus,
    phase,
    publicIp: i.publicIpAddresses[0],
    privateIp: i.privateIpAddresses[0],
    ipv6Addresses: i.publicIpv6Addresses,
    zone: i.zoneId ?? undefined,
    createdAt: cloudTime(i.createTime),
    tags,
    detail: {
      instanceType: i.instanceType ?? undefined,
      cpuCount: i.cpuCount ?? undefined,
      ramSizeInGb: i.memory ?? undefined,
      imageId: i.imageId ?? undefined,
      chargeType: i.instanceChargeType ?? undefined,
      expiresAt: cloudTime(i.expiredTime),
    },
    failure: phase === "failed" ? { code: "CREATE_FAILED", message: `instance ${i.instanceId} failed to launch` } : undefined,
    raw: {
      instanceType: i.instanceType,
      imageId: i.imageId,
      instanceChargeType: i.instanceChargeType,
      internetChargeType: i.internetChargeType,
      expiredTime: i.expiredTime,
      resourceGroupId: i.resourceGroupId,
      publicIpAddresses: i.publicIpAddresses,
      privateIpAddresses: i.privateIpAddresses,
      internetMaxBandwidthOut: i.internetMaxBandwidthOut,
      period: i.period,
      subnetId: i.subnetId,
      trafficPackageSize: i.trafficPackageSize,
      securityGroupIds: i.securityGroupIds,
      systemDisk: i.systemDisk,
      dataDisks: i.dataDisks,
      keyId: i.keyId,
      nic: i.nic,
    },
  };
}

/**
 * status is the phase of an instance of a fleet with these inputs. InstanceInfo does not say whether a public IPv4 was
 * asked for, but the inputs do: with `enableIpv4: false` none comes, and a RUNNING instance is ready without one.
 */
export function status(view: InstanceView, args: Pick<ZenlayerInstanceArgs, "enableIpv4">): Phase {
  return view.state === "RUNNING" && args.enableIpv4 === false ? "ready" : view.phase;
}

type Json = Record<string, unknown>;

const digits = (s: string) => /^\d+$/.test(s);

/**
 * namePattern is the instanceName that gives these names, in creation order: the name itself when they are all alike,
 * or one `[begin,bits]` counter where they differ (web001, web002: `web[1,3]`); the first name when no such pattern
 * gives them all (an update then renames the others).
 */
export function namePattern(names: string[]): string {
  const [first] = names;
  if (names.every((n) => n === first)) return first;
  let head = first;
  while (!names.every((n) => n.startsWith(head))) head = head.slice(0, -1);
  let tail = first.slice(head.length);
  while (!names.every((n) => n.endsWith(tail) && n.length - tail.length >= head.length)) tail = tail.slice(1);
  while (/\d$/.test(head)) head = head.slice(0, -1);
  while (/^\d/.test(tail)) tail = tail.slice(1);
  const counters = names.map((n) => n.slice(head.length, n.length - tail.length));
  if (!counters.every(digits)) return first;
  const pattern = `${head}[${Number(counters[0])},${counters[0].length}]${tail}`;
  const expanded = instanceNames(pattern, names.length);
  return expanded.ok && expanded.names.every((n, i) => n === names[i]) ? pattern : first;
}

/** alike is the value `read` finds in every instance's raw answer when they all agree, or undefined. */
function alike(views: InstanceView[], read: (raw: Json) => unknown): unknown {
  const values = views.map((v) => read(v.raw ?? {}));
  return values.every((x) => JSON.stringify(x) === JSON.stringify(values[0])) ? values[0] : undefined;
}

/**
 * inputsFrom reads the inputs of a fleet from its instances as DescribeInstances shows them (InstanceInfo): zone,
 * image, model, billing, bandwidth, subnet, resource group, traffic package, disks, key pair, security group, network
 * interface names, IPv6 and public IPv4, and the names in creation order (a `[begin,bits]` pattern where they are
 * numbered; `autoName` when lightfleet generated them) with the count. It never shows the manifest's secretPaths and
 * unreadablePaths.
 */
export function inputsFrom(views: InstanceView[]): Record<string, unknown> {
  const ordered = [...views].sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? "") || a.id.localeCompare(b.id));
  const [first] = ordered;
  const raw = first.raw ?? {};
  const name = namePattern(ordered.map((v) => v.name));
  const system = (raw.systemDisk ?? {}) as Json;
  const data = Array.isArray(raw.dataDisks) ? (raw.dataDisks as Json[]) : [];
  const securityGroups = Array.isArray(raw.securityGroupIds) ? (raw.securityGroupIds as string[]) : [];
  const nic = (raw.nic ?? {}) as Json;
  const running = views.every((v) => v.state === "RUNNING");
  return {
    ...(first.zone ? { zoneId: first.zone } : {}),
    imageId: raw.imageId,
    instanceType: raw.instanceType,
    instanceChargeType: raw.instanceChargeType,
    ...(raw.instanceChargeType === "PREPAID" && typeof raw.period === "number" ? { instanceChargePrepaid: { period: raw.period } } : {}),
    internetChargeType: raw.internetChargeType,
    ...(typeof raw.internetMaxBandwidthOut === "number" ? { internetMaxBandwidthOut: raw.internetMaxBandwidthOut } : {}),
    instanceCount: views.length,
    subnetId: raw.subnetId,
    ...(generatedFor(zenlayerAutoNaming, commonOwnerTag(views), name) ? { autoName: name } : { instanceName: name }),
    ...(typeof raw.keyId === "string" && raw.keyId ? { keyId: raw.keyId } : {}),
    ...(typeof raw.resourceGroupId === "string" && raw.resourceGroupId ? { resourceGroupId: raw.resourceGroupId } : {}),
    ...(raw.internetChargeType === "ByTrafficPackage" && typeof raw.trafficPackageSize === "number" ? { trafficPackageSize: raw.trafficPackageSize } : {}),
    ...(typeof system.diskSize === "number" || typeof system.diskCategory === "string"
      ? { systemDisk: { ...(typeof system.diskSize === "number" ? { diskSize: system.diskSize } : {}), ...(typeof system.diskCategory === "string" ? { diskCategory: system.diskCategory } : {}) } }
      : {}),
    ...(data.length > 0
      ? {
          dataDisks: data.map((d, k) => {
            const diskName = alike(views, (r) => (Array.isArray(r.dataDisks) ? (r.dataDisks as Json[])[k]?.diskName : undefined));
            return { diskSize: d.diskSize, ...(typeof diskName === "string" ? { diskName } : {}), ...(typeof d.diskCategory === "string" ? { diskCategory: d.diskCategory } : {}) };
          }),
        }
      : {}),
    ...(views.every((v) => v.ipv6Addresses.length > 0) ? { enableIpv6: true } : {}),
    ...(running && views.every((v) => !v.publicIp) ? { enableIpv4: false } : {}),
    ...(securityGroups.length === 1 ? { securityGroupId: securityGroups[0] } : {}),
    ...(typeof nic.wanName === "string" || typeof nic.lanName === "string"
      ? { nic: { ...(typeof nic.wanName === "string" ? { wanName: nic.wanName } : {}), ...(typeof nic.lanName === "string" ? { lanName: nic.lanName } : {}) } }
      : {}),
  };
}
