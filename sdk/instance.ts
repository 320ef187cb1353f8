import * as pulumi from "@pulumi/pulumi";
import { instanceProvider } from "./provider";
import type { LightsailInstanceArgs } from "../provider/clouds/lightsail";
import type { LighthouseInstanceArgs } from "../provider/clouds/lighthouse";
import type { ZenlayerInstanceArgs } from "../provider/clouds/zenlayer";
import type { JdcloudInstanceArgs } from "../provider/clouds/jdcloud";
import { INSTANCE_OUTPUT_KEYS, type InstanceSummary } from "../provider/core/outputs";
import { manifests } from "../provider/clouds/manifests";

/** Inputs lets every top-level field be a plain value or a Pulumi Input (an Output of another resource). */
export type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** Public hides the SDK-set owner; region may come from the stack config or the environment (see check). */
type Public<T extends { region: string }> = Omit<T, "owner" | "region"> & Partial<Pick<T, "region">>;

/**
 * InstanceArgs are the inputs of an Instance: `cloud` selects the variant, whose fields are that cloud's
 * CreateInstances parameters in camelCase, plus `region`, `tags`, `timeouts`, `endpoint` and `adopt`.
 */
export type InstanceArgs =
  | Inputs<Public<LightsailInstanceArgs>>
  | Inputs<Public<LighthouseInstanceArgs>>
  | Inputs<Public<ZenlayerInstanceArgs>>
  | Inputs<Public<JdcloudInstanceArgs>>;

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
export class Instance extends pulumi.dynamic.Resource {
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

  constructor(name: string, args: InstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const plain = args as unknown as Record<string, unknown>;
    const props: Record<string, unknown> = {
      ...markSecrets(plain, secretPathsOf(plain.cloud)),
      owner: `${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
    };
    for (const k of INSTANCE_OUTPUT_KEYS) props[k] = undefined;
    super(instanceProvider, name, props, {
      ...opts,
      additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "secretInputs"],
    }, "lightfleet", "Instance");
  }
}
