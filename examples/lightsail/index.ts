import { Instance } from "lightfleet";
import { fleetOutputs, settings, type ExampleSettings } from "../settings";

/** lightsailFleet is a small Lightsail fleet in us-east-1: the instance names are the fleet. */
export function lightsailFleet(s: ExampleSettings): Instance {
  const prefix = s.name ?? "web";
  return new Instance("lightsail-web", {
    cloud: "lightsail",
    region: "us-east-1",
    endpoint: s.endpoint,
    instanceNames: Array.from({ length: s.count }, (_, i) => `${prefix}-${i + 1}`),
    availabilityZone: "us-east-1a",
    blueprintId: s.image ?? "ubuntu_22_04",
    bundleId: s.plan ?? "nano_3_0",
    userData: "#!/bin/sh\necho hello from lightfleet > /etc/motd\n",
    tags: { env: s.env },
  });
}

export default async function () {
  return fleetOutputs(lightsailFleet(settings()));
}
