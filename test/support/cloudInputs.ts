import type { CloudName } from "../../provider/core/types";
import { zenlayerPlacement } from "../../examples/zenlayer";

/** fleetInputs are valid Instance inputs for a fleet of `count` on each cloud, as the engine would send them. */
export function fleetInputs(cloud: CloudName, endpoint: string, count: number, owner: string): Record<string, unknown> {
  const common = { cloud, endpoint, owner };
  switch (cloud) {
    case "lightsail":
      return {
        ...common,
        region: "us-east-1",
        instanceNames: Array.from({ length: count }, (_, i) => `${owner.replace(/\W/g, "-")}-${i + 1}`),
        availabilityZone: "us-east-1a",
        blueprintId: "ubuntu_22_04",
        bundleId: "nano_3_0",
      };
    case "lighthouse":
      return {
        ...common,
        region: "ap-guangzhou",
        bundleId: "bundle_gen_01",
        blueprintId: "lhbp-f1lkcd41",
        instanceChargePrepaid: { period: 1, renewFlag: "NOTIFY_AND_MANUAL_RENEW" },
        instanceName: "resume",
        instanceCount: count,
      };
    case "zenlayer":
      return {
        ...zenlayerPlacement,
        ...common,
        instanceCount: count,
        instanceName: "resume[1,2]",
        password: "Lightfleet#2026",
      };
    case "jdcloud":
      return {
        ...common,
        region: "cn-north-1",
        maxCount: count,
        instanceSpec: {
          az: "cn-north-1a",
          instanceType: "c.n2.medium",
          imageId: "img-ubuntu2204",
          name: "resume",
          password: "Fleet@Jd2026x",
          primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-n1web", securityGroups: [{ groupId: "sg-n1default" }] },
          systemDisk: { diskType: "ssd.gp1", diskSizeGB: 40 },
        },
      };
  }
}
