import { snapshotDrivers } from "../clouds/snapshotRegistry";
import { CLOUDS, type CloudName } from "../core/types";

/** PACKAGE is the Pulumi package name: the first part of every type token and the plugin's name. */
export const PACKAGE = "lightfleet";

/** ResourceKind is which of lightfleet's resources a type token names. */
export type ResourceKind = "instance" | "snapshot";

/** ResourceType is what a type token says: the cloud (the token's module) and the resource kind. */
export interface ResourceType {
  cloud: CloudName;
  kind: ResourceKind;
}

const TYPE_NAMES: Record<ResourceKind, string> = { instance: "Instance", snapshot: "InstanceSnapshot" };

/** tokenOf is the type token of a resource, e.g. `lightfleet:lightsail:Instance`. */
export function tokenOf({ cloud, kind }: ResourceType): string {
  return `${PACKAGE}:${cloud}:${TYPE_NAMES[kind]}`;
}

/**
 * RESOURCE_TYPES are every resource the package serves: one Instance per cloud, and one InstanceSnapshot per cloud
 * with a snapshot API. One type per cloud, because a schema has no discriminated union for resource inputs.
 */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  ...CLOUDS.map((cloud) => ({ cloud, kind: "instance" as const })),
  ...CLOUDS.filter((cloud) => snapshotDrivers[cloud] !== undefined).map((cloud) => ({ cloud, kind: "snapshot" as const })),
];

const byToken = new Map(RESOURCE_TYPES.map((t) => [tokenOf(t), t]));

/** resourceTypeOf is the cloud and kind a type token names, or undefined for a token the package does not serve. */
export function resourceTypeOf(token: string): ResourceType | undefined {
  return byToken.get(token);
}
