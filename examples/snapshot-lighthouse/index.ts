import { Instance, InstanceSnapshot } from "lightfleet";
import { settings } from "../settings";

/** snapshot-lighthouse: a Lighthouse instance and a snapshot of its system disk. */
export default async function () {
  const s = settings();
  const app = new Instance("app", {
    cloud: "lighthouse",
    region: "ap-guangzhou",
    endpoint: s.endpoint,
    bundleId: "bundle_gen_02",
    blueprintId: "lhbp-f1lkcd41",
    instanceChargePrepaid: { period: 1 },
    instanceName: "app",
  });
  const snap = new InstanceSnapshot("app-snapshot", {
    cloud: "lighthouse",
    region: "ap-guangzhou",
    endpoint: s.endpoint,
    instance: app,
    snapshotName: "app-before-upgrade",
  });
  return { instanceId: app.instanceIds[0], snapshot: { id: snap.snapshotId, name: snap.name, state: snap.state } };
}
