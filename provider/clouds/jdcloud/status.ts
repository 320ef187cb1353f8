import { cloudTime } from "../../core/times";
import type { InstanceView, Phase } from "../../core/types";
import { malformed } from "./client";
import { jdcloudAutoNaming, type JdcloudInstanceArgs } from "./schema";
import { generatedFor } from "../../core/naming";
import { commonOwnerTag } from "../../core/ownership";

/** phases maps every coc-vm instance status to lightfleet's phase; `running` is refined by its addresses. */
const phases: Record<string, Phase> = {
  pending: "pending",
  starting: "pending",
  running: "ready",
  stopping: "pending",
  stopped: "stopped",
  rebooting: "pending",
  rebuilding: "pending",
  resizing: "pending",
  deleting: "deleting",
  error: "failed",
};

/** STATES are the coc-vm instance statuses. */
export const STATES = Object.keys(phases);

/** DELETABLE are the statuses in which deleteInstance is accepted. */
export const DELETABLE = new Set(["running", "stopped", "error"]);

/** JD_OFFSET is the time zone of coc-vm's zone-less times (`2026-12-01 21:47:51`): Beijing time, UTC+8. */
const JD_OFFSET = "+08:00";

function text(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * toView reads one describeInstances entry. Its phase is the one under the default inputs, which ask for no elastic
 * IP: a running instance is ready once it has its private IP (`status` decides for a fleet's own inputs). coc-vm
 * deletes a failed instance by itself shortly after showing `error`, so a failure carries that explanation.
 */
export function toView(operation: string, raw: unknown): InstanceView {
  if (typeof raw !== "object" || raw === null) throw malformed(operation, "an instance entry is not an object");
  const r = raw as Record<string, unknown>;
  const id = text(r.instanceId);
  const status = text(r.status);
  if (!id) throw malformed(operation, "an instance entry has no instanceId");
  if (!status) throw malformed(operation, `instance ${id} has no status`);
  let phase = phases[status];
  if (!phase) throw malformed(operation, `instance ${id} has the unknown status "${status}"`);
  const publicIp = text(r.elasticIpAddress);
  const privateIp = text(r.privateIpAddress);
  if (phase === "ready" && !privateIp) phase = "pending";
  const charge = (typeof r.charge === "object" && r.charge !== null ? r.charge : {}) as Record<string, unknown>;
  return {
    id,
    name: text(r.instanceName) ?? "",
    state: status,
    phase,
    publicIp,
    privateIp,
    ipv6Addresses: [],
    zone: text(r.az),
    createdAt: cloudTime(r.launchTime, JD_OFFSET),
    tags: {},
    detail: {
      instanceType: text(r.instanceType),
      imageId: text(r.imageId),
      chargeType: text(charge.chargeMode),
      // Only a prepaid instance expires; coc-vm sells no other kind today, but the field says so itself.
      expiresAt: charge.chargeMode === "prepaid_by_duration" ? cloudTime(charge.chargeExpiredTime, JD_OFFSET) : undefined,
    },
    failure:
      phase === "failed"
        ? { code: "error", message: `instance ${id} failed to launch (coc-vm deletes failed instances automatically and releases their quota)` }
        : undefined,
    raw: {
      instanceType: r.instanceType,
      imageId: r.imageId,
      vpcId: r.vpcId,
      subnetId: r.subnetId,
      elasticIpId: text(r.elasticIpId),
      keyName: text(r.keyName),
      description: r.description,
      charge: r.charge,
      primaryNetworkInterface: r.primaryNetworkInterface,
      systemDisk: r.systemDisk,
      dataDisks: r.dataDisks,
    },
  };
}

/**
 * status is the phase of an instance of a fleet with these inputs. describeInstances does not say whether an elastic
 * IP is still coming, but the inputs do: a fleet created with `elasticIpSpec` is ready once that public IP is there.
 */
export function status(view: InstanceView, args: Pick<JdcloudInstanceArgs, "instanceSpec">): Phase {
  return view.phase === "ready" && args.instanceSpec.elasticIpSpec && !view.publicIp ? "pending" : view.phase;
}

type Json = Record<string, unknown>;

/** diskOf is a disk as describeInstances shows it, as a disk input (its type and size, where the answer has them). */
function diskOf(d: unknown): Json | undefined {
  const disk = (d ?? {}) as Json;
  if (typeof disk.diskType !== "string") return undefined;
  return { diskType: disk.diskType, ...(typeof disk.diskSizeGB === "number" ? { diskSizeGB: disk.diskSizeGB } : {}) };
}

/**
 * inputsFrom reads the inputs of a fleet from its instances as describeInstances shows them: zone, type, image, name
 * (`autoName` when lightfleet generated it), description, key pair, VPC, subnet and security groups, disks, billing,
 * and the count. It never shows the manifest's secretPaths and unreadablePaths.
 */
export function inputsFrom(views: InstanceView[]): Record<string, unknown> {
  const [first] = views;
  const raw = first.raw ?? {};
  const nic = (raw.primaryNetworkInterface ?? {}) as Json;
  const groups = (Array.isArray(nic.securityGroups) ? (nic.securityGroups as Json[]) : []).map((g) => ({
    groupId: g.groupId,
    ...(typeof g.groupName === "string" && g.groupName ? { groupName: g.groupName } : {}),
  }));
  const charge = (raw.charge ?? {}) as Json;
  const systemDisk = diskOf(raw.systemDisk);
  const dataDisks = (Array.isArray(raw.dataDisks) ? raw.dataDisks : []).map(diskOf).filter((d): d is Json => d !== undefined);
  const generated = generatedFor(jdcloudAutoNaming, commonOwnerTag(views), first.name);
  const spec: Json = {
    ...(first.zone ? { az: first.zone } : {}),
    instanceType: raw.instanceType,
    imageId: raw.imageId,
    ...(generated ? {} : { name: first.name }),
    ...(typeof raw.description === "string" && raw.description ? { description: raw.description } : {}),
    ...(typeof raw.keyName === "string" ? { keyName: raw.keyName } : {}),
    primaryNetworkInterface: { vpcId: nic.vpcId ?? raw.vpcId, subnetId: nic.subnetId ?? raw.subnetId, securityGroups: groups },
    ...(systemDisk ? { systemDisk } : {}),
    ...(dataDisks.length > 0 ? { dataDisks } : {}),
    ...(typeof charge.chargeMode === "string"
      ? { charge: { chargeMode: charge.chargeMode, chargeUnit: charge.chargeUnit, chargeDuration: charge.chargeDuration, autoRenew: charge.autoRenew } }
      : {}),
  };
  return { instanceSpec: spec, maxCount: views.length, ...(generated ? { autoName: first.name } : {}) };
}
