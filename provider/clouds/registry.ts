import type { CloudDriver } from "../core/driver";
import type { CloudName } from "../core/types";
import { trackingChanges } from "../core/listing";
import { lightsailDriver } from "./lightsail";
import { lighthouseDriver } from "./lighthouse";
import { zenlayerDriver } from "./zenlayer";
import { jdcloudDriver } from "./jdcloud";

/** DriverRegistry is one complete driver a cloud, each under its own cloud's name. */
export type DriverRegistry = { readonly [C in CloudName]: CloudDriver & { readonly cloud: C } };

/**
 * drivers maps each cloud to its driver; a new cloud is one new folder and one line here. Each records the instances
 * it creates, changes or deletes, so the shared listing never answers a drift check for them with an older view.
 */
export const drivers: Record<CloudName, CloudDriver> = {
  lightsail: trackingChanges(lightsailDriver),
  lighthouse: trackingChanges(lighthouseDriver),
  zenlayer: trackingChanges(zenlayerDriver),
  jdcloud: trackingChanges(jdcloudDriver),
} satisfies DriverRegistry;
