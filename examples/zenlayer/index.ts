import { Instance } from "lightfleet";
import { fleetOutputs, settings, type ExampleSettings } from "../settings";

/**
 * zenlayerPlacement is where and on what the Zenlayer programs run: Hong Kong's first zone and its default subnet,
 * Ubuntu 22.04 on a 1-core plan, paid by the hour with bandwidth billing.
 */
export const zenlayerPlacement = {
  cloud: "zenlayer",
  region: "asia-east-1",
  zoneId: "asia-east-1a",
  subnetId: "subnet-hk-a-default",
  imageId: "img-ubuntu-2204-x64",
  instanceType: "c.1c2g",
  instanceChargeType: "POSTPAID",
  internetChargeType: "ByBandwidth",
} as const;

/** zenlayerFleet is a small Zenlayer fleet in Hong Kong: numbered names, a password kept secret in state. */
export function zenlayerFleet(s: ExampleSettings): Instance {
  return new Instance("zenlayer-web", {
    ...zenlayerPlacement,
    endpoint: s.endpoint,
    imageId: s.image ?? zenlayerPlacement.imageId,
    instanceType: s.plan ?? zenlayerPlacement.instanceType,
    internetMaxBandwidthOut: 10,
    instanceCount: s.count,
    instanceName: `${s.name ?? "zweb"}[1,2]`,
    password: "Lightfleet#2026",
    tags: { env: s.env },
  });
}

export default async function () {
  return fleetOutputs(zenlayerFleet(settings()));
}
