import type { InstanceView, Phase } from "./types";
import type { InstanceState, InstanceSummary } from "./outputSchema";

// The output types are inferred from the zod schemas in outputSchema.ts; only their types are imported, so the SDK
// that loads this module for the key lists never loads zod.
export type { InstanceState, InstanceSummary };

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

const STATE_OF_PHASE: Record<Phase, InstanceState> = {
  pending: "pending",
  ready: "running",
  stopped: "stopped",
  deleting: "deleting",
  failed: "failed",
  gone: "deleted",
};

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
