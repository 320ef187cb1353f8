import { z } from "zod";
import { CloudError } from "../../core/errors";
import { cloudTime } from "../../core/times";
import type { InstanceView, Phase } from "../../core/types";
import type { ZenlayerInstanceArgs } from "./schema";

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
