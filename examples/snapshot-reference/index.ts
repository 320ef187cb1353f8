import { InstanceSnapshot } from "lightfleet";
import * as pulumi from "@pulumi/pulumi";
import { settings } from "../settings";

/**
 * snapshot-reference: a golden snapshot, kept in a stack of its own, of the first instance of a Lightsail fleet that
 * another stack manages (examples/lightsail). The fleet's instance names come from that stack's outputs through a
 * StackReference, so the two stacks share only the state backend: `fleetStack` names the fleet's stack as
 * `organization/<project>/<stack>` on a DIY backend.
 */
export default async function () {
  const s = settings();
  const cfg = new pulumi.Config();
  const fleet = new pulumi.StackReference(cfg.require("fleetStack"));
  const source = fleet.requireOutput("instanceIds").apply((ids) => {
    const names = ids as string[];
    if (names.length === 0) throw new Error(`stack ${fleet.name} has no instance to snapshot`);
    return names[0];
  });
  const snap = new InstanceSnapshot("golden", {
    cloud: "lightsail",
    region: "us-east-1",
    endpoint: s.endpoint,
    instanceName: source,
    instanceSnapshotName: cfg.get("snapshotName") ?? "fleet-golden",
    tags: { purpose: "golden-image", env: s.env },
  });
  return { source, snapshot: { name: snap.name, state: snap.state, fromInstanceName: snap.fromInstanceName } };
}
