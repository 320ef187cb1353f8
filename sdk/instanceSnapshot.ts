import * as pulumi from "@pulumi/pulumi";
import { DynamicResource } from "./provider";
import { ownerOf } from "./owner";
import type { Instance, LateCloud } from "./instance";
import type { AnySnapshotArgs } from "./types";
import { manifests } from "../provider/clouds/manifests";
import { SNAPSHOT_OUTPUT_KEYS } from "../provider/core/outputs";

/** SnapshotSource names the instance to snapshot by its Instance resource, so Pulumi orders create and delete. */
export interface SnapshotSource {
  /** The fleet whose instance is snapshotted. */
  instance?: Instance;
  /** Which instance of the fleet (default 0, the first). */
  instanceIndex?: number;
}

/**
 * InstanceSnapshotArgs are the inputs of an InstanceSnapshot: `cloud` selects the variant, whose fields are that
 * cloud's CreateInstanceSnapshot parameters. Give the source as `instance` (an Instance resource) or by the
 * cloud's own field (`instanceName` on Lightsail, `instanceId` on Lighthouse).
 */
export type InstanceSnapshotArgs = AnySnapshotArgs & SnapshotSource;

/** LateCloudSnapshotArgs are InstanceSnapshotArgs whose `cloud` is an Output (see LateCloud). */
export type LateCloudSnapshotArgs = LateCloud<AnySnapshotArgs> & SnapshotSource;

/** sourceField is the field each cloud's CreateInstanceSnapshot names its instance by, for the clouds that have one. */
const sourceField: Record<string, string> = Object.fromEntries(
  Object.values(manifests).flatMap((m) => (m.snapshotSourceField ? [[m.cloud, m.snapshotSourceField]] : [])),
);

/**
 * InstanceSnapshot is a snapshot of one instance. `pulumi up` waits until it is available; destroy deletes it and
 * waits until it is gone. When the source is an Instance resource, the snapshot is created after the instance and
 * deleted before it.
 */
export class InstanceSnapshot extends DynamicResource {
  declare readonly cloud: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  /** The snapshot's id (its name on Lightsail). */
  declare readonly snapshotId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  /** The cloud's state: `available` on Lightsail, `NORMAL` on Lighthouse once usable. */
  declare readonly state: pulumi.Output<string>;
  /** Lightsail: the snapshot's ARN. */
  declare readonly arn: pulumi.Output<string | undefined>;
  /** Lightsail: the snapshot's size in GB. */
  declare readonly sizeInGb: pulumi.Output<number | undefined>;
  /** Lightsail: the instance, blueprint and bundle the snapshot was made from. */
  declare readonly fromInstanceName: pulumi.Output<string | undefined>;
  declare readonly fromBlueprintId: pulumi.Output<string | undefined>;
  declare readonly fromBundleId: pulumi.Output<string | undefined>;
  /** When the snapshot was made (ISO 8601). */
  declare readonly createdAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: InstanceSnapshotArgs, opts?: pulumi.CustomResourceOptions);
  /** An InstanceSnapshot whose `cloud` is an Output of another resource (see LateCloud). */
  constructor(name: string, args: LateCloudSnapshotArgs, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, args: InstanceSnapshotArgs | LateCloudSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
    const { instance, instanceIndex, ...rest } = args as unknown as SnapshotSource & Record<string, unknown>;
    const props: Record<string, unknown> = { ...rest, owner: ownerOf(name, opts?.parent) };
    if (instance) {
      const id = instance.instanceIds.apply((ids) => ids[instanceIndex ?? 0]);
      if (typeof rest.cloud === "string") {
        if (sourceField[rest.cloud]) props[sourceField[rest.cloud]] = id;
      } else {
        // A cloud given as an Output is known only later: each cloud's field gets the id once the cloud is its own. The
        // other clouds' fields are left out as soon as the cloud is known, while the id may not be: check refuses them.
        const late = pulumi.output(rest.cloud as pulumi.Input<string>);
        for (const [cloud, field] of Object.entries(sourceField)) props[field] = late.apply((c) => (c === cloud ? id : undefined));
      }
    }
    for (const k of SNAPSHOT_OUTPUT_KEYS) props[k] = undefined;
    // The instance id arrives as an Output of the Instance, which orders creation after it and deletion before it.
    super("snapshot", name, props, opts);
  }
}
