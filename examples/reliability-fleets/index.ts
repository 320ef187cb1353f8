import * as pulumi from "@pulumi/pulumi";
import { settings } from "../settings";
import { lightsailFleet } from "../lightsail";
import { lighthouseFleet } from "../lighthouse";
import { zenlayerFleet } from "../zenlayer";
import { jdcloudFleet } from "../jdcloud";

/**
 * One fleet of `count` instances on each of the four clouds, exporting every instance id: the reliability tests run
 * one stack through many lifetimes and crash it at one point that falls somewhere different in each cloud's path.
 * Test-only.
 */
export default async function () {
  const s = settings();
  const fleets = [lightsailFleet(s), lighthouseFleet(s), zenlayerFleet(s), jdcloudFleet(s)];
  return { instanceIds: pulumi.all(fleets.map((f) => f.instanceIds)).apply((lists) => lists.flat()) };
}
