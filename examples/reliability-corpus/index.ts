import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { Instance, type InstanceArgs } from "lightfleet";
import { zenlayerPlacement } from "../zenlayer";

/** BadInput is one entry of the corpus: a change to a valid fleet that breaks one rule of the cloud's API. */
export interface BadInput {
  name: string;
  cloud: "lightsail" | "lighthouse" | "zenlayer" | "jdcloud";
  /** Merged into the valid inputs: objects merge, anything else replaces, null removes the field. */
  patch: Record<string, unknown>;
  /** The property the failure must name, and words of the rule it must state. */
  property: string;
  reason: string;
}

type Json = Record<string, unknown>;

/** valid are fleets every cloud accepts; each corpus entry breaks one of them in one place. */
function valid(endpoint: string | undefined): Record<BadInput["cloud"], Json> {
  return {
    lightsail: {
      cloud: "lightsail",
      region: "us-east-1",
      endpoint,
      instanceNames: ["web-1"],
      availabilityZone: "us-east-1a",
      blueprintId: "ubuntu_22_04",
      bundleId: "nano_3_0",
    },
    lighthouse: {
      cloud: "lighthouse",
      region: "ap-guangzhou",
      endpoint,
      bundleId: "bundle_gen_01",
      blueprintId: "lhbp-f1lkcd41",
      instanceChargePrepaid: { period: 1 },
      instanceName: "lhweb",
      instanceCount: 1,
      zones: ["ap-guangzhou-3"],
    },
    zenlayer: {
      ...zenlayerPlacement,
      endpoint,
      instanceCount: 1,
      password: "Lightfleet#2026",
    },
    jdcloud: {
      cloud: "jdcloud",
      region: "cn-north-1",
      endpoint,
      maxCount: 2,
      instanceSpec: {
        az: "cn-north-1a",
        instanceType: "c.n2.medium",
        imageId: "img-ubuntu2204",
        name: "jweb",
        password: "Fleet@Jd2026x",
        elasticIpSpec: { sizeMbps: 5, provider: "bgp" },
        primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-n1web", securityGroups: [{ groupId: "sg-n1default" }] },
        systemDisk: { diskType: "ssd.gp1", diskSizeGB: 40 },
      },
    },
  };
}

/** merge applies a corpus patch to valid inputs. */
function merge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (typeof v === "object" && !Array.isArray(v) && typeof out[k] === "object" && out[k] !== null && !Array.isArray(out[k])) out[k] = merge(out[k] as Json, v as Json);
    else out[k] = v;
  }
  return out;
}

/** badInputArgs are the inputs of one corpus entry: a valid fleet of its cloud with the entry's patch applied. */
export function badInputArgs(bad: BadInput, endpoint?: string): Json {
  return merge(valid(endpoint)[bad.cloud], bad.patch);
}

/**
 * The bad-input corpus as one program: one Instance a corpus entry (the file named by the `corpus` config), so that
 * a single preview makes the engine check every entry. Test-only.
 */
export default async function () {
  const cfg = new pulumi.Config();
  const corpus = JSON.parse(fs.readFileSync(cfg.require("corpus"), "utf8")) as BadInput[];
  for (const bad of corpus) new Instance(bad.name, badInputArgs(bad, cfg.get("endpoint")) as unknown as InstanceArgs);
  return { entries: corpus.length };
}
