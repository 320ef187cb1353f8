import { Instance } from "lightfleet";
import { fleetOutputs, settings, type ExampleSettings } from "../settings";

/**
 * lighthouseFleet is a small monthly-prepaid Lighthouse fleet in Guangzhou running Ubuntu. Lighthouse takes a login
 * password at creation only for Windows images: the `password` knob goes with a Windows `image` and a plan of 2 GB+.
 */
export function lighthouseFleet(s: ExampleSettings): Instance {
  return new Instance("lighthouse-web", {
    cloud: "lighthouse",
    region: "ap-guangzhou",
    endpoint: s.endpoint,
    bundleId: s.plan ?? "bundle_gen_01",
    blueprintId: s.image ?? "lhbp-f1lkcd41",
    instanceChargePrepaid: { period: 1, renewFlag: "NOTIFY_AND_MANUAL_RENEW" },
    instanceName: s.name ?? "lhweb",
    instanceCount: s.count,
    zones: ["ap-guangzhou-3"],
    loginConfiguration: s.password?.apply((password) => ({ autoGeneratePassword: "NO" as const, password })),
    tags: { env: s.env },
  });
}

export default async function () {
  return fleetOutputs(lighthouseFleet(settings()));
}
