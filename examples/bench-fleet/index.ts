import * as pulumi from "@pulumi/pulumi";
import { Instance } from "lightfleet";
import { zenlayerPlacement } from "../zenlayer";

/** BenchCloud is a cloud the fleet benchmark provisions on. */
export type BenchCloud = "lighthouse" | "zenlayer" | "jdcloud";

/**
 * benchInstance is one Instance resource of `count` instances on a cloud, with inputs every resource of a benchmark
 * shares except its name, as a fleet of identical servers would have.
 */
function benchInstance(cloud: BenchCloud, index: number, count: number, endpoint: string | undefined): Instance {
  const name = `bench-${index}`;
  switch (cloud) {
    case "lighthouse":
      return new Instance(name, {
        cloud,
        region: "ap-guangzhou",
        endpoint,
        bundleId: "bundle_gen_03",
        blueprintId: "lhbp-f1lkcd41",
        instanceChargePrepaid: { period: 1, renewFlag: "NOTIFY_AND_MANUAL_RENEW" },
        instanceName: name,
        instanceCount: count,
        tags: { env: "bench" },
      });
    case "zenlayer":
      return new Instance(name, {
        ...zenlayerPlacement,
        endpoint,
        internetMaxBandwidthOut: 10,
        instanceCount: count,
        instanceName: name,
        password: "Lightfleet#2026",
        tags: { env: "bench" },
      });
    case "jdcloud":
      // The /20 "prod" subnet has room for the 1,000-instance scenario; the default /24 subnets do not.
      return new Instance(name, {
        cloud,
        region: "cn-north-1",
        endpoint,
        maxCount: count,
        instanceSpec: {
          az: "cn-north-1a",
          instanceType: "c.n2.medium",
          imageId: "img-ubuntu2204",
          name,
          password: "Fleet@Jd2026x",
          elasticIpSpec: { sizeMbps: 5, provider: "bgp" },
          primaryNetworkInterface: { vpcId: "vpc-n1prod", subnetId: "subnet-n1prod", securityGroups: [{ groupId: "sg-n1prod" }] },
          systemDisk: { diskType: "ssd.gp1", diskSizeGB: 40 },
        },
      });
  }
}

/**
 * The fleet benchmark's program: `resources` Instance resources of `perResource` instances each on `cloud`, read from
 * stack config, so one program serves every scenario (100 resources of one instance, one of 100, ten of 100).
 */
export default async function () {
  const cfg = new pulumi.Config();
  const cloud = cfg.require("cloud") as BenchCloud;
  const resources = cfg.requireNumber("resources");
  const perResource = cfg.getNumber("perResource") ?? 1;
  const fleets = Array.from({ length: resources }, (_, i) => benchInstance(cloud, i + 1, perResource, cfg.get("endpoint")));
  // Only the total goes into the stack outputs: a thousand ids would make every output comparison slow.
  const instances = pulumi.all(fleets.map((f) => f.instanceIds)).apply((lists) => lists.reduce((n, ids) => n + ids.length, 0));
  return { instances };
}
