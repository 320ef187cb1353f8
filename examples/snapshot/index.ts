import { Instance, InstanceSnapshot } from "lightfleet";
import * as pulumi from "@pulumi/pulumi";
import { settings } from "../settings";

/**
 * snapshot: an instance, a snapshot of it, and a second instance created from that snapshot, on Lightsail
 * (CreateInstancesFromSnapshot: the new bundle must be the same size as the snapshot's or larger).
 */
export default async function () {
  const s = settings();
  const base = new Instance("base", {
    cloud: "lightsail",
    region: "us-east-1",
    endpoint: s.endpoint,
    instanceNames: ["base-1"],
    availabilityZone: "us-east-1a",
    blueprintId: "ubuntu_22_04",
    bundleId: "micro_3_0",
  });
  const snap = new InstanceSnapshot("base-snapshot", {
    cloud: "lightsail",
    region: "us-east-1",
    endpoint: s.endpoint,
    instance: base,
    instanceSnapshotName: new pulumi.Config().get("snapshotName") ?? "base-1-golden",
    tags: { purpose: "golden-image" },
  });
  const clone = new Instance("clone", {
    cloud: "lightsail",
    region: "us-east-1",
    endpoint: s.endpoint,
    instanceNames: ["clone-1", "clone-2"],
    availabilityZone: "us-east-1b",
    blueprintId: "ubuntu_22_04",
    bundleId: s.plan ?? "small_3_0",
    sourceSnapshotName: snap.name,
  });
  return {
    snapshot: { name: snap.name, state: snap.state, sizeInGb: snap.sizeInGb, fromBundleId: snap.fromBundleId },
    base: base.instances,
    clones: clone.instances,
  };
}
