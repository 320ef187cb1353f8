import * as pulumi from "@pulumi/pulumi";
import { settings } from "../settings";
import { lightsailFleet } from "../lightsail";
import { lighthouseFleet } from "../lighthouse";
import { zenlayerFleet } from "../zenlayer";
import { jdcloudFleet } from "../jdcloud";

/**
 * NEXT_IMAGES are another image on each cloud: the `images: next` knob switches every fleet to it at once, a change
 * that replaces all four fleets (one `image` knob cannot, since image ids differ between clouds).
 */
const NEXT_IMAGES = { lightsail: "ubuntu_24_04", lighthouse: "lhbp-a7oxy2z5", zenlayer: "img-debian-12-x64", jdcloud: "img-debian12" };

/**
 * One fleet of `count` instances on each of the four clouds, exporting every instance id: the reliability tests run
 * one stack through many lifetimes and crash it at one point that falls somewhere different in each cloud's path.
 * Test-only.
 */
export default async function () {
  const s = settings();
  const next = new pulumi.Config().get("images") === "next";
  const on = (cloud: keyof typeof NEXT_IMAGES) => (next ? { ...s, image: NEXT_IMAGES[cloud] } : s);
  const fleets = [lightsailFleet(on("lightsail")), lighthouseFleet(on("lighthouse")), zenlayerFleet(on("zenlayer")), jdcloudFleet(on("jdcloud"))];
  return { instanceIds: pulumi.all(fleets.map((f) => f.instanceIds)).apply((lists) => lists.flat()) };
}
