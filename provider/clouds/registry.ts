import type { CloudDriver } from "../core/driver";
import type { CloudName } from "../core/types";
import { trackingChanges } from "../core/listing";
import { lightsailDriver } from "./lightsail";
import { lighthouseDriver } from "./lighthouse";
import { zenlayerDriver } from "./zenlayer";
import { jdcloudDriver } from "./jdcloud";

/**
 * drivers maps each cloud to its driver; a new cloud is one new folder and one line here. Each records the instances
 * it creates, changes or deletes, so the shared listing never answers a drift check for them with an older view.
 */
export const drivers: Record<CloudName, CloudDriver> = {
  lightsail: trackingChanges(lightsailDriver as unknown as CloudDriver),
  lighthouse: trackingChanges(lighthouseDriver as unknown as CloudDriver),
  zenlayer: trackingChanges(zenlayerDriver as unknown as CloudDriver),
  jdcloud: trackingChanges(jdcloudDriver as unknown as CloudDriver),
};
