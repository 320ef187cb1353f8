import * as pulumi from "@pulumi/pulumi";
import { Instance } from "lightfleet";
import { fleetOutputs } from "../settings";
import { zenlayerPlacement } from "../zenlayer";

/** zenlayerMachine is the Zenlayer examples' placement without its region, which this stack's config supplies. */
const { region: _region, ...zenlayerMachine } = zenlayerPlacement;

/**
 * accounts: two Lightsail fleets in two AWS accounts of one stack (`account: "alpha"` and `account: "beta"` read
 * `lightfleet:accounts.<name>.*`), and one fleet on each other cloud, none naming a region or an endpoint: both come
 * from the stack config (`lightfleet:<cloud>Region`, `lightfleet:endpoint`) or the clouds' usual variables.
 */
export default async function () {
  const zone = new pulumi.Config().get("zone") ?? "us-east-1a";
  const lightsail = (account: string) =>
    new Instance(`lightsail-${account}`, { cloud: "lightsail", account, instanceNames: [`${account}-1`], availabilityZone: zone, blueprintId: "ubuntu_22_04", bundleId: "nano_3_0" });
  const fleets = {
    alpha: lightsail("alpha"),
    beta: lightsail("beta"),
    lighthouse: new Instance("lighthouse-web", {
      cloud: "lighthouse",
      bundleId: "bundle_gen_01",
      blueprintId: "lhbp-f1lkcd41",
      instanceChargePrepaid: { period: 1, renewFlag: "NOTIFY_AND_MANUAL_RENEW" },
      instanceName: "web",
    }),
    zenlayer: new Instance("zenlayer-web", {
      ...zenlayerMachine,
      internetMaxBandwidthOut: 10,
      instanceName: "zweb[1,2]",
      password: "Lightfleet#2026",
    }),
    jdcloud: new Instance("jdcloud-web", {
      cloud: "jdcloud",
      instanceSpec: {
        az: "cn-north-1a",
        instanceType: "c.n2.medium",
        imageId: "img-ubuntu2204",
        name: "web",
        password: "Fleet@Jd2026x",
        primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-n1web", securityGroups: [{ groupId: "sg-n1default" }] },
        systemDisk: { diskType: "ssd.gp1", diskSizeGB: 40 },
      },
    }),
  };
  return Object.fromEntries(Object.entries(fleets).map(([k, f]) => [k, fleetOutputs(f)]));
}
