import type { SnapshotDriver } from "../core/snapshotDriver";
import type { CloudName } from "../core/types";
import { lightsailSnapshotDriver } from "./lightsail/snapshotDriver";
import { lighthouseSnapshotDriver } from "./lighthouse/snapshotDriver";

/** snapshotDrivers maps each cloud that has an instance snapshot API to its driver. */
export const snapshotDrivers: Partial<Record<CloudName, SnapshotDriver>> = {
  lightsail: lightsailSnapshotDriver as unknown as SnapshotDriver,
  lighthouse: lighthouseSnapshotDriver as unknown as SnapshotDriver,
};
