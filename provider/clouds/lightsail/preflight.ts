import type { DriverContext } from "../../core/driver";
import { CloudError } from "../../core/errors";
import { lightsailCall } from "./client";
import { getInstanceSnapshot } from "./snapshots";
import type { LightsailInstanceInputs } from "./schema";

interface Bundle {
  bundleId: string;
  power: number;
}

/** listBundles pages through GetBundles. */
async function listBundles(ctx: DriverContext): Promise<Bundle[]> {
  const out: Bundle[] = [];
  let pageToken: string | undefined;
  do {
    const page = await ctx.send(
      lightsailCall<{ bundles?: Array<Record<string, unknown>>; nextPageToken?: string }>(ctx, "GetBundles", pageToken ? { pageToken } : {}),
    );
    for (const b of page.bundles ?? []) out.push({ bundleId: String(b.bundleId), power: Number(b.power ?? 0) });
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out;
}

/**
 * preflight checks at preview what only the cloud knows: an instance created from a snapshot needs a bundle at least
 * as large as the snapshot's source bundle. Catching it here matters because a replacement of a Lightsail fleet
 * deletes the old instances first (their names must be free), so a refusal at create would leave no fleet at all.
 */
export async function preflight(ctx: DriverContext, args: LightsailInstanceInputs): Promise<void> {
  if (!args.sourceSnapshotName) return;
  const snapshot = await getInstanceSnapshot(ctx, args.sourceSnapshotName);
  if (!snapshot?.fromBundleId) return;
  const bundles = await listBundles(ctx);
  const wanted = bundles.find((b) => b.bundleId === args.bundleId);
  const source = bundles.find((b) => b.bundleId === snapshot.fromBundleId);
  if (wanted && source && wanted.power < source.power) {
    throw new CloudError({
      cloud: "lightsail",
      operation: "CreateInstancesFromSnapshot",
      code: "InvalidInputException",
      message: `bundleId ${args.bundleId} is smaller than ${source.bundleId}, the bundle snapshot ${args.sourceSnapshotName} was made from: choose the same size or larger`,
    });
  }
}
