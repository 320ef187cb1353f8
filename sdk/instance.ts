import * as pulumi from "@pulumi/pulumi";
import { DynamicResource } from "./provider";
import { ownerOf } from "./owner";
import type { AnyInstanceArgs } from "./types";
import { INSTANCE_OUTPUT_KEYS, type InstanceSummary } from "../provider/core/outputs";
import { manifests } from "../provider/clouds/manifests";

/**
 * InstanceArgs are the inputs of an Instance: `cloud` (a plain string such as `"lightsail"`) selects the variant,
 * whose fields are that cloud's CreateInstances parameters in camelCase, plus `region`, `tags`, `timeouts`,
 * `endpoint`, `account` and `adopt`. Every other field, nested ones included, may be an Output of another resource.
 */
export type InstanceArgs = AnyInstanceArgs;

/**
 * LateCloud is a variant whose `cloud` is an Output (of another resource), known only during the update, e.g.
 * `other.region.apply(() => "lightsail" as const)`. An Output cannot select a variant while the program compiles, so
 * such inputs are checked against every cloud's fields at once (a field no cloud has fails to compile; another
 * cloud's field fails at preview, when check knows the cloud). It is a separate overload so that a literal `cloud`
 * always gets its own variant's strict type.
 */
export type LateCloud<A> = A extends { cloud: string } ? Omit<A, "cloud"> & { cloud: pulumi.Output<A["cloud"]> } : never;

/** LateCloudInstanceArgs are InstanceArgs whose `cloud` is an Output; check validates them once the cloud is known. */
export type LateCloudInstanceArgs = LateCloud<InstanceArgs>;

/**
 * secretPathsOf are the secret inputs of the cloud the inputs name. A cloud given as an Output is not known when the
 * resource is constructed, so every cloud's secret inputs are marked then (no cloud has an input of that name that is
 * not secret).
 */
function secretPathsOf(cloud: unknown): string[][] {
  if (typeof cloud === "string") return cloud in manifests ? manifests[cloud as keyof typeof manifests].secretPaths : [];
  return Object.values(manifests).flatMap((m) => m.secretPaths);
}

/**
 * markSecrets wraps passwords, user data and init scripts in pulumi.secret so state keeps them encrypted. A nested
 * secret (a password inside a login object) makes its whole top-level input secret, as Pulumi tracks secrecy per
 * property.
 */
function markSecrets(args: Record<string, unknown>, paths: string[][]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...args };
  for (const [head] of paths) if (out[head] !== undefined) out[head] = pulumi.secret(out[head]);
  return out;
}

/**
 * Instance is a fleet of lightweight VMs created by one CreateInstances call on one cloud. `pulumi up` waits until
 * every instance is running and has its addresses; a failed launch fails the update, keeps the instances that did
 * launch, and the next update replaces the failed ones. Deleting waits until the cloud no longer lists them.
 */
export class Instance extends DynamicResource {
  /** The cloud the fleet runs on. */
  declare readonly cloud: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  /** Instance ids (instance names on Lightsail), in fleet order. */
  declare readonly instanceIds: pulumi.Output<string[]>;
  /** Public IPv4 address of each instance, in the order of instanceIds ("" where it has none). */
  declare readonly publicIps: pulumi.Output<string[]>;
  /** Private IPv4 address of each instance, in the order of instanceIds ("" where it has none). */
  declare readonly privateIps: pulumi.Output<string[]>;
  /** Every IPv6 address of the fleet. */
  declare readonly ipv6Addresses: pulumi.Output<string[]>;
  /**
   * Each instance, in the order of instanceIds: id, name, `state` in the same words on every cloud
   * (`pending`, `running`, `stopped`, `deleting`, `failed`) and `cloudState` in the cloud's own, publicIp, privateIp,
   * zone, `createdAt` (ISO 8601, UTC), and the detail the cloud's describe call returns: arn, username, isStaticIp,
   * cpuCount, ramSizeInGb, blueprintId, bundleId on Lightsail; cpuCount, ramSizeInGb, blueprintId, bundleId,
   * chargeType, expiresAt on Lighthouse; instanceType, cpuCount, ramSizeInGb, imageId, chargeType, expiresAt on
   * Zenlayer; instanceType, imageId, chargeType, expiresAt on JD Cloud.
   */
  declare readonly instances: pulumi.Output<InstanceSummary[]>;

  constructor(name: string, args: InstanceArgs, opts?: pulumi.CustomResourceOptions);
  /** An Instance whose `cloud` is an Output of another resource (see LateCloud). */
  constructor(name: string, args: LateCloudInstanceArgs, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, args: InstanceArgs | LateCloudInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const plain = args as unknown as Record<string, unknown>;
    const props: Record<string, unknown> = {
      ...markSecrets(plain, secretPathsOf(plain.cloud)),
      owner: ownerOf(name, opts?.parent),
    };
    for (const k of INSTANCE_OUTPUT_KEYS) props[k] = undefined;
    super("instance", name, props, {
      ...opts,
      additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "secretInputs"],
    });
  }
}
