import { Instance } from "lightfleet";
import { fleetOutputs, settings, type ExampleSettings } from "../settings";

/** jdcloudFleet is a small coc-vm fleet in Beijing with an elastic IP each; the password is secret in state. */
export function jdcloudFleet(s: ExampleSettings): Instance {
  return new Instance("jdcloud-web", {
    cloud: "jdcloud",
    region: "cn-north-1",
    endpoint: s.endpoint,
    maxCount: s.count,
    instanceSpec: {
      az: "cn-north-1a",
      instanceType: s.plan ?? "c.n2.medium",
      imageId: s.image ?? "img-ubuntu2204",
      name: s.name ?? "jweb",
      password: "Fleet@Jd2026x",
      elasticIpSpec: { sizeMbps: 5, provider: "bgp" },
      primaryNetworkInterface: {
        vpcId: "vpc-n1default",
        subnetId: "subnet-n1web",
        securityGroups: [{ groupId: "sg-n1default" }],
      },
      systemDisk: { diskType: "ssd.gp1", diskSizeGB: 40 },
    },
  });
}

export default async function () {
  return fleetOutputs(jdcloudFleet(settings()));
}
