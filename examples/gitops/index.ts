import * as pulumi from "@pulumi/pulumi";
import { Instance } from "lightfleet";

/**
 * gitops: the fleet a pipeline manages, one stack per region. The stack's `region` picks the cloud (us-east-1:
 * Lightsail, ap-guangzhou: Lighthouse); `size` is the number of instances, the knob a pull request changes. Credentials
 * come from the runner's environment (AWS_* from OIDC, TENCENTCLOUD_SECRET_ID/KEY from repository secrets); `endpoint`
 * points the fleet at localcloud in tests.
 */
export default async function () {
  const cfg = new pulumi.Config();
  const region = cfg.require("region");
  const size = cfg.getNumber("size") ?? 2;
  const endpoint = cfg.get("endpoint");
  const tags = { env: pulumi.getStack(), managedBy: "gitops" };
  const prefix = `web-${region}`;
  let fleet: Instance;
  if (region === "us-east-1") {
    fleet = new Instance("web", {
      cloud: "lightsail",
      region,
      endpoint,
      instanceNames: Array.from({ length: size }, (_, i) => `${prefix}-${i + 1}`),
      availabilityZone: `${region}a`,
      blueprintId: "ubuntu_22_04",
      bundleId: "nano_3_0",
      tags,
    });
  } else if (region === "ap-guangzhou") {
    fleet = new Instance("web", {
      cloud: "lighthouse",
      region,
      endpoint,
      bundleId: "bundle_gen_01",
      blueprintId: "lhbp-f1lkcd41",
      instanceChargePrepaid: { period: 1, renewFlag: "NOTIFY_AND_MANUAL_RENEW" },
      instanceName: prefix,
      instanceCount: size,
      zones: [`${region}-3`],
      tags,
    });
  } else {
    throw new Error(`region ${region} has no placement in this program: use us-east-1 or ap-guangzhou`);
  }
  return { instanceIds: fleet.instanceIds, publicIps: fleet.publicIps };
}
