import type { CloudDriver } from "../core/driver";
import type { CloudName } from "../core/types";
import { lightsailDriver } from "./lightsail";
import { lighthouseDriver } from "./lighthouse";
import { zenlayerDriver } from "./zenlayer";
import { jdcloudDriver } from "./jdcloud";

/** drivers maps each cloud to its driver; a new cloud is one new folder and one line here. */
export const drivers: Record<CloudName, CloudDriver> = {
  lightsail: lightsailDriver as unknown as CloudDriver,
  lighthouse: lighthouseDriver as unknown as CloudDriver,
  zenlayer: zenlayerDriver as unknown as CloudDriver,
  jdcloud: jdcloudDriver as unknown as CloudDriver,
};
