import { settings } from "../settings";
import { lightsailFleet } from "../lightsail";
import { lighthouseFleet } from "../lighthouse";
import { zenlayerFleet } from "../zenlayer";
import { jdcloudFleet } from "../jdcloud";

/** quickstart: one small fleet on each of the four clouds, reported once every instance runs with its addresses. */
export default async function () {
  const s = settings();
  const fleets = {
    lightsail: lightsailFleet(s),
    lighthouse: lighthouseFleet(s),
    zenlayer: zenlayerFleet(s),
    jdcloud: jdcloudFleet(s),
  };
  return {
    instances: Object.fromEntries(Object.entries(fleets).map(([cloud, f]) => [cloud, f.instances])),
    publicIps: Object.fromEntries(Object.entries(fleets).map(([cloud, f]) => [cloud, f.publicIps])),
  };
}
