import { Instance } from "lightfleet";
import { fleetOutputs, settings, type ExampleSettings } from "../settings";

/** zenlayerFleet is a small Zenlayer fleet in Hong Kong: numbered names, a password kept secret in state. */
export function zenlayerFleet(s: ExampleSettings): Instance {
  return new Instance("zenlayer-web", {
    cloud: "zenlayer",
    region: "asia-east-1",
    endpoint: s.endpoint,
    zoneId: "asia-east-1a",
    subnetId: "subnet-hk-a-default",
    imageId: s.image ?? "img-ubuntu-2204-x64",
    instanceType: s.plan ?? "c.1c2g",
    instanceChargeType: "POSTPAID",
    internetChargeType: "ByBandwidth",
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
