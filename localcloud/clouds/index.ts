import type { CloudCatalog, EmulatedCloud, EmulatorFactory } from "../emulator";
import { lightsailEmulator } from "./lightsail";
import { lighthouseEmulator } from "./lighthouse";
import { zenlayerEmulator } from "./zenlayer";
import { jdcloudEmulator } from "./jdcloud";
import { catalog as lightsailCatalog } from "./lightsail/catalog";
import { catalog as lighthouseCatalog } from "./lighthouse/catalog";
import { catalog as zenlayerCatalog } from "./zenlayer/catalog";
import { catalog as jdcloudCatalog } from "./jdcloud/catalog";

/** emulatorFactories lists every emulated cloud; a new cloud is one more folder and one more line here. */
export const emulatorFactories: EmulatorFactory[] = [lightsailEmulator, lighthouseEmulator, zenlayerEmulator, jdcloudEmulator];

/** catalogs are the regions, zones, plans, images and subnets each cloud's emulator accepts, from its catalog.ts. */
export const catalogs: Record<EmulatedCloud, CloudCatalog> = {
  lightsail: lightsailCatalog,
  lighthouse: lighthouseCatalog,
  zenlayer: zenlayerCatalog,
  jdcloud: jdcloudCatalog,
};
