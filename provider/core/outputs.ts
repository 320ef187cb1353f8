import type { InstanceDetail, InstanceView, Phase } from "./types";

/** INSTANCE_OUTPUT_KEYS are the outputs an Instance resource exposes besides its inputs, in the SDK and the provider. */
export const INSTANCE_OUTPUT_KEYS = ["instanceIds", "publicIps", "privateIps", "ipv6Addresses", "instances"] as const;

/** SNAPSHOT_OUTPUT_KEYS are the outputs an InstanceSnapshot resource records besides its inputs, on any cloud. */
export const SNAPSHOT_OUTPUT_KEYS = [
  "snapshotId",
  "name",
  "state",
  "args",
  "arn",
  "sizeInGb",
  "fromInstanceName",
  "fromBlueprintId",
  "fromBundleId",
  "createdAt",
  "percent",
  "diskId",
] as const;

/**
 * InstanceState is an instance's state in the same words on every cloud: `pending` (starting, stopping or rebooting,
 * or running without its addresses yet), `running` (with its addresses), `stopped`, `deleting` (on its way out),
 * `failed` (its launch failed) and `deleted` (the cloud no longer lists it).
 */
export type InstanceState = "pending" | "running" | "stopped" | "deleting" | "failed" | "deleted";

const STATE_OF_PHASE: Record<Phase, InstanceState> = {
  pending: "pending",
  ready: "running",
  stopped: "stopped",
  deleting: "deleting",
  failed: "failed",
  gone: "deleted",
};

/** InstanceSummary is one instance in the `instances` output: the same fields mean the same on every cloud. */
export interface InstanceSummary extends InstanceDetail {
  /** The instance id (its name on Lightsail). */
  id: string;
  name: string;
  /** The state in lightfleet's words, the same on every cloud; `cloudState` is the cloud's own. */
  state: InstanceState;
  /** The state as the cloud wrote it, e.g. `running` (Lightsail), `RUNNING` (Lighthouse, Zenlayer), `stopped` (JD Cloud). */
  cloudState: string;
  publicIp?: string;
  privateIp?: string;
  zone?: string;
  /** When the instance was created, ISO 8601 in UTC (e.g. `2026-12-01T13:47:51Z`). */
  createdAt?: string;
}

/** InstanceOutputs are what an Instance resource records and exposes. */
export interface InstanceOutputs {
  cloud: string;
  region: string;
  /** The validated inputs (defaults applied) without the cloud, the region and secret fields: what the next diff compares against. */
  args: Record<string, unknown>;
  /** The secret inputs (passwords, user data, init scripts), keyed by dotted path; the SDK marks this output secret. */
  secretInputs?: Record<string, unknown>;
  /**
   * Of a fleet read from its id alone (an import): the dotted input paths its cloud never showed (the manifest's
   * secretPaths and unreadablePaths), whose desired values a diff takes as the fleet's until an update records them.
   */
  unreadInputs?: string[];
  instanceIds: string[];
  /** Public IPv4 address of each instance, in the order of instanceIds ("" where it has none). */
  publicIps: string[];
  /** Private IPv4 address of each instance, in the order of instanceIds ("" where it has none). */
  privateIps: string[];
  /** Every IPv6 address of the fleet. */
  ipv6Addresses: string[];
  instances: InstanceSummary[];
}

/**
 * summarize turns the views of a fleet, in fleet order, into the uniform outputs; `phaseOf` is the cloud's phase of an
 * instance under the fleet's inputs, from which `state` is named.
 */
export function summarize(
  views: InstanceView[],
  phaseOf: (v: InstanceView) => Phase,
): Pick<InstanceOutputs, "instanceIds" | "publicIps" | "privateIps" | "ipv6Addresses" | "instances"> {
  return {
    instanceIds: views.map((v) => v.id),
    publicIps: views.map((v) => v.publicIp ?? ""),
    privateIps: views.map((v) => v.privateIp ?? ""),
    ipv6Addresses: views.flatMap((v) => v.ipv6Addresses),
    instances: views.map((v) => {
      const s: InstanceSummary = { id: v.id, name: v.name, state: STATE_OF_PHASE[phaseOf(v)], cloudState: v.state };
      if (v.publicIp) s.publicIp = v.publicIp;
      if (v.privateIp) s.privateIp = v.privateIp;
      if (v.zone) s.zone = v.zone;
      if (v.createdAt) s.createdAt = v.createdAt;
      // Only what the cloud said: an absent or empty field takes no bytes of state.
      return { ...s, ...Object.fromEntries(Object.entries(v.detail ?? {}).filter(([, x]) => x !== undefined && x !== "")) };
    }),
  };
}
