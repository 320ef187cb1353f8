import { CloudError } from "../../core/errors";
import { isoTime } from "../../core/times";
import type { InstanceView, Phase } from "../../core/types";
import { generatedFor } from "../../core/naming";
import { commonOwnerTag } from "../../core/ownership";
import { lightsailAutoNaming } from "./schema";

/** LaunchOperation is the latest create operation of an instance, as GetOperations reports it. */
export interface LaunchOperation {
  id: string;
  status: string;
  errorCode?: string;
  errorDetails?: string;
}

/** phaseOfState maps Lightsail's state names; `running` is refined by the addresses below. */
const phaseOfState: Record<string, Phase> = {
  pending: "pending",
  running: "ready",
  stopping: "stopped",
  stopped: "stopped",
  "shutting-down": "deleting",
  terminated: "deleting",
};

function malformed(operation: string, message: string): CloudError {
  return new CloudError({ cloud: "lightsail", operation, code: "MalformedResponse", message });
}

const text = (v: unknown) => (typeof v === "string" ? v : undefined);
const num = (v: unknown) => (typeof v === "number" ? v : undefined);

function field<T>(obj: Record<string, unknown>, key: string, type: "string" | "number" | "object", operation: string): T {
  const v = obj[key];
  if (typeof v !== type || v === null) {
    throw malformed(operation, `instance ${JSON.stringify(obj.name ?? "?")} has no ${type} ${key}`);
  }
  return v as T;
}

/**
 * toInstanceView reads one Lightsail Instance into the common view. `ready` means running AND holding its public
 * IPv4 (an IPv6 address for ipAddressType ipv6), since Lightsail reports running before the address exists.
 * A pending instance whose create operation failed is `failed`. Unknown states and missing fields are a
 * MalformedResponse error, never a crash.
 */
export function toInstanceView(raw: unknown, operation: string, launch?: LaunchOperation): InstanceView {
  if (!raw || typeof raw !== "object") throw malformed(operation, "an instance entry is not an object");
  const obj = raw as Record<string, unknown>;
  const name = field<string>(obj, "name", "string", operation);
  const stateObj = field<Record<string, unknown>>(obj, "state", "object", operation);
  const state = field<string>(stateObj, "name", "string", operation);
  let phase = phaseOfState[state];
  if (!phase) throw malformed(operation, `instance ${name} is in the unknown state ${JSON.stringify(state)}`);
  const publicIp = typeof obj.publicIpAddress === "string" && obj.publicIpAddress !== "" ? obj.publicIpAddress : undefined;
  const ipv6Addresses = Array.isArray(obj.ipv6Addresses) ? obj.ipv6Addresses.filter((a): a is string => typeof a === "string") : [];
  const ipAddressType = typeof obj.ipAddressType === "string" ? obj.ipAddressType : "dualstack";
  if (phase === "ready" && (ipAddressType === "ipv6" ? ipv6Addresses.length === 0 : publicIp === undefined)) phase = "pending";
  let failure: InstanceView["failure"];
  if (phase === "pending" && launch?.status === "Failed") {
    phase = "failed";
    failure = { code: launch.errorCode ?? "LaunchFailed", message: launch.errorDetails ?? `create operation ${launch.id} failed` };
  }
  const location = (obj.location ?? {}) as Record<string, unknown>;
  const tags: Record<string, string> = {};
  if (Array.isArray(obj.tags)) {
    for (const t of obj.tags as Array<Record<string, unknown>>) if (typeof t?.key === "string") tags[t.key] = typeof t.value === "string" ? t.value : "";
  }
  const createdAt = typeof obj.createdAt === "number" ? isoTime(obj.createdAt * 1000) : undefined;
  const hardware = (obj.hardware ?? {}) as Record<string, unknown>;
  return {
    id: name,
    name,
    state,
    phase,
    ...(publicIp ? { publicIp } : {}),
    ...(typeof obj.privateIpAddress === "string" ? { privateIp: obj.privateIpAddress } : {}),
    ipv6Addresses,
    ...(typeof location.availabilityZone === "string" ? { zone: location.availabilityZone } : {}),
    ...(createdAt ? { createdAt } : {}),
    tags,
    ...(failure ? { failure } : {}),
    detail: {
      arn: text(obj.arn),
      username: text(obj.username),
      isStaticIp: typeof obj.isStaticIp === "boolean" ? obj.isStaticIp : undefined,
      cpuCount: num(hardware.cpuCount),
      ramSizeInGb: num(hardware.ramSizeInGb),
      blueprintId: text(obj.blueprintId),
      bundleId: text(obj.bundleId),
    },
    raw: {
      arn: obj.arn,
      supportCode: obj.supportCode,
      blueprintId: obj.blueprintId,
      bundleId: obj.bundleId,
      ipAddressType,
      addOns: Array.isArray(obj.addOns) ? obj.addOns : [],
      username: obj.username,
      sshKeyName: obj.sshKeyName,
      isStaticIp: obj.isStaticIp,
      ...(launch ? { launchOperationId: launch.id } : {}),
    },
  };
}

/** addOnInputOf is one add-on as GetInstance shows it (`name`, its settings, `status`), as an `addOns` input. */
function addOnInputOf(a: Record<string, unknown>): Record<string, unknown> {
  if (a.name === "AutoSnapshot") {
    return { addOnType: "AutoSnapshot", ...(typeof a.snapshotTimeOfDay === "string" ? { autoSnapshotAddOnRequest: { snapshotTimeOfDay: a.snapshotTimeOfDay } } : {}) };
  }
  const idle = { ...(typeof a.threshold === "string" ? { threshold: a.threshold } : {}), ...(typeof a.duration === "string" ? { duration: a.duration } : {}) };
  return { addOnType: a.name, ...(Object.keys(idle).length > 0 ? { stopInstanceOnIdleRequest: idle } : {}) };
}

/**
 * inputsFrom reads the inputs of a fleet from its instances as GetInstance shows them: zone, blueprint, bundle, key
 * pair, IP address type, enabled add-ons, and the names, given back as `instanceCount` with `autoName` when they are
 * `<name lightfleet generated>-1`, `-2`... It never shows the manifest's secretPaths and unreadablePaths.
 */
export function inputsFrom(views: InstanceView[]): Record<string, unknown> {
  const [first] = views;
  const raw = first.raw ?? {};
  const names = views.map((v) => v.name);
  const base = names[0].replace(/-1$/, "");
  const generated = names.every((n, i) => n === `${base}-${i + 1}`) && generatedFor(lightsailAutoNaming, commonOwnerTag(views), base);
  const addOns = (Array.isArray(raw.addOns) ? (raw.addOns as Array<Record<string, unknown>>) : []).filter((a) => a.status === "Enabled").map(addOnInputOf);
  return {
    ...(generated ? { instanceCount: names.length, autoName: base } : { instanceNames: names }),
    ...(first.zone ? { availabilityZone: first.zone } : {}),
    blueprintId: raw.blueprintId,
    bundleId: raw.bundleId,
    ...(typeof raw.sshKeyName === "string" ? { keyPairName: raw.sshKeyName } : {}),
    ...(addOns.length > 0 ? { addOns } : {}),
    ipAddressType: raw.ipAddressType,
  };
}
