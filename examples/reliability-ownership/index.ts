import * as pulumi from "@pulumi/pulumi";
import { Instance } from "lightfleet";

/**
 * A Lightsail fleet whose instance names and `adopt` list come from config (`names`, `adopt`: comma-separated), for
 * the ownership tests: names are identities on Lightsail, so a name held by someone else is where adoption matters.
 * Test-only.
 */
export default async function () {
  const cfg = new pulumi.Config();
  const list = (key: string) => (cfg.get(key) ?? "").split(",").filter((s) => s.length > 0);
  const adopt = list("adopt");
  const fleet = new Instance("owned-web", {
    cloud: "lightsail",
    region: "us-east-1",
    endpoint: cfg.get("endpoint"),
    instanceNames: list("names"),
    availabilityZone: "us-east-1a",
    blueprintId: "ubuntu_22_04",
    bundleId: "nano_3_0",
    ...(adopt.length ? { adopt } : {}),
  });
  return { instanceIds: fleet.instanceIds };
}
