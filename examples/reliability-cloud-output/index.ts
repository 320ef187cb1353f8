import * as pulumi from "@pulumi/pulumi";
import { Instance, InstanceSnapshot } from "lightfleet";
import { zenlayerPlacement } from "../zenlayer";

/**
 * Fleets whose `cloud` is an Output of another resource, unknown until that resource exists: a Lightsail fleet with
 * user data (and a snapshot of it) and a Zenlayer fleet with a password, each naming its cloud through the first
 * fleet's `region` output.
 * Test-only (the secrets tests read the state it leaves).
 */
export default async function () {
  const endpoint = new pulumi.Config().get("endpoint");
  const anchor = new Instance("anchor", {
    cloud: "lightsail",
    region: "us-east-1",
    endpoint,
    instanceNames: ["anchor-1"],
    availabilityZone: "us-east-1a",
    blueprintId: "ubuntu_22_04",
    bundleId: "nano_3_0",
  });
  // An Output typed with the cloud's name selects the LateCloud variant, whose fields are still checked.
  const cloudOf = <C extends string>(cloud: C) => anchor.region.apply(() => cloud);
  const lightsail = new Instance("late-lightsail", {
    cloud: cloudOf("lightsail"),
    region: "us-east-1",
    endpoint,
    instanceNames: ["late-1"],
    availabilityZone: "us-east-1a",
    blueprintId: "ubuntu_22_04",
    bundleId: "nano_3_0",
    userData: "echo late user data from lightfleet",
  });
  const zenlayer = new Instance("late-zenlayer", {
    ...zenlayerPlacement,
    cloud: cloudOf("zenlayer"),
    endpoint,
    instanceCount: 1,
    instanceName: "late",
    password: "Late#Fleet2026",
  });
  const snapshot = new InstanceSnapshot("late-snapshot", {
    cloud: cloudOf("lightsail"),
    region: "us-east-1",
    endpoint,
    instanceSnapshotName: "late-golden",
    instance: lightsail,
  });
  return { lightsail: lightsail.instanceIds, zenlayer: zenlayer.instanceIds, snapshotOf: snapshot.fromInstanceName };
}
