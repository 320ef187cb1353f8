import * as pulumi from "@pulumi/pulumi";
import { Instance, type InstanceArgs } from "lightfleet";
import { zenlayerPlacement } from "../zenlayer";

/**
 * auto-naming: one fleet on each of the four clouds, none of them named, so that every stack of the program gets its
 * own generated names. Knobs: `env` (a tag, or the description on JD Cloud, which has no tags), `count` (instances of
 * each fleet) and `renamed` (every resource under a new name, with an alias to its former one).
 */
export default async function () {
  const cfg = new pulumi.Config();
  const endpoint = cfg.get("endpoint");
  const env = cfg.get("env") ?? "demo";
  const count = cfg.getNumber("count") ?? 1;
  const renamed = cfg.getBoolean("renamed") ?? false;
  const named = (cloud: string) => {
    const original = `${cloud}-app`;
    return { name: renamed ? `${cloud}-service` : original, opts: renamed ? { aliases: [{ name: original }] } : {} };
  };
  const fleet = (cloud: string, args: InstanceArgs) => {
    const { name, opts } = named(cloud);
    return new Instance(name, args, opts);
  };
  const fleets = [
    fleet("lightsail", {
      cloud: "lightsail",
      region: "us-east-1",
      endpoint,
      instanceCount: count,
      availabilityZone: "us-east-1a",
      blueprintId: "ubuntu_22_04",
      bundleId: "nano_3_0",
      tags: { env },
    }),
    fleet("lighthouse", {
      cloud: "lighthouse",
      region: "ap-guangzhou",
      endpoint,
      bundleId: "bundle_gen_01",
      blueprintId: "lhbp-f1lkcd41",
      instanceChargePrepaid: { period: 1, renewFlag: "NOTIFY_AND_MANUAL_RENEW" },
      instanceCount: count,
      tags: { env },
    }),
    fleet("zenlayer", { ...zenlayerPlacement, endpoint, instanceCount: count, password: "Lightfleet#2026", tags: { env } }),
    fleet("jdcloud", {
      cloud: "jdcloud",
      region: "cn-north-1",
      endpoint,
      maxCount: count,
      instanceSpec: {
        az: "cn-north-1a",
        instanceType: "c.n2.medium",
        imageId: "img-ubuntu2204",
        description: env,
        password: "Fleet@Jd2026x",
        primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-n1web", securityGroups: [{ groupId: "sg-n1default" }] },
        systemDisk: { diskType: "ssd.gp1", diskSizeGB: 40 },
      },
    }),
  ];
  return { names: pulumi.all(fleets.map((f) => f.instances)).apply((all) => all.map((instances) => instances.map((i) => i.name))) };
}
