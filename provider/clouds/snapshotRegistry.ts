import type { SnapshotDriver } from "../core/snapshotDriver";
import type { CloudName } from "../core/types";
import { lightsailSnapshotDriver } from "./lightsail";
import { lighthouseSnapshotDriver } from "./lighthouse";
import { zenlayerSnapshotDriver } from "./zenlayer";
import { jdcloudSnapshotDriver } from "./jdcloud";

/** SnapshotRegistry is each cloud's instance snapshot driver under its own cloud's name, or undefined when it has none. */
export type SnapshotRegistry = { readonly [C in CloudName]: (SnapshotDriver & { readonly cloud: C }) | undefined };

/** snapshotDrivers maps each cloud to its instance snapshot driver; undefined says the cloud has no snapshot API. */
export const snapshotDrivers: Record<CloudName, SnapshotDriver | undefined> = {
  lightsail: lightsailSnapshotDriver,
  lighthouse: lighthouseSnapshotDriver,
  zenlayer: zenlayerSnapshotDriver,
  jdcloud: jdcloudSnapshotDriver,
} satisfies SnapshotRegistry;
