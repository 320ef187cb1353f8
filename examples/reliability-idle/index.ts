import * as pulumi from "@pulumi/pulumi";
import { Instance } from "lightfleet";

/**
 * A one-instance Lightsail fleet whose program stays open `holdSeconds` after the fleet is created, so that the
 * dynamic-provider process sits idle while its engine is still running: the idle-provider test kills the engine
 * then. Test-only.
 */
export default async function () {
  const cfg = new pulumi.Config();
  const fleet = new Instance("idle-web", {
    cloud: "lightsail",
    region: "us-east-1",
    endpoint: cfg.get("endpoint"),
    instanceNames: ["idle-1"],
    availabilityZone: "us-east-1a",
    blueprintId: "ubuntu_22_04",
    bundleId: "nano_3_0",
  });
  await new Promise<void>((resolve) => fleet.instanceIds.apply(() => setTimeout(resolve, (cfg.getNumber("holdSeconds") ?? 0) * 1000)));
  return { instanceIds: fleet.instanceIds };
}
