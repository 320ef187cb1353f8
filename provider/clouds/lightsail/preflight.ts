import { catalogError, choices, lookupKey, type CatalogProblem } from "../../core/catalogCheck";
import { coalesced } from "../../core/coalesce";
import type { DriverContext } from "../../core/driver";
import { CloudError } from "../../core/errors";
import { lightsailCall } from "./client";
import { getInstanceSnapshot } from "./snapshot";
import type { LightsailInstanceInputs } from "./schema";

type Row = Record<string, unknown>;

/** listAll pages through a Get* list (GetBundles, GetBlueprints), once per account and region for the process. */
function listAll(ctx: DriverContext, operation: string, field: string): Promise<Row[]> {
  return coalesced(lookupKey(ctx, operation, {}), async () => {
    const out: Row[] = [];
    let pageToken: string | undefined;
    do {
      const page = await ctx.send(lightsailCall<Row & { nextPageToken?: string }>(ctx, operation, pageToken ? { pageToken } : {}));
      out.push(...(Array.isArray(page[field]) ? (page[field] as Row[]) : []));
      pageToken = page.nextPageToken;
    } while (pageToken);
    return out;
  });
}

/** zonesOf lists the Availability Zones of the context's region (GetRegions). */
function zonesOf(ctx: DriverContext): Promise<string[]> {
  return coalesced(lookupKey(ctx, "GetRegions", {}), async () => {
    const answer = await ctx.send(lightsailCall<{ regions?: Row[] }>(ctx, "GetRegions", { includeAvailabilityZones: true }));
    const region = (answer.regions ?? []).find((r) => r.name === ctx.region);
    const zones = Array.isArray(region?.availabilityZones) ? (region.availabilityZones as Row[]) : [];
    return zones.filter((z) => z.state === undefined || z.state === "available").map((z) => String(z.zoneName));
  });
}

const platforms = (b: Row): string[] => (Array.isArray(b.supportedPlatforms) ? (b.supportedPlatforms as string[]) : []);

/**
 * preflight checks at preview what only the cloud knows, because a replacement of a Lightsail fleet deletes the old
 * instances first (their names must be free): a refusal at create would leave no fleet at all. It checks the zone
 * (GetRegions), the blueprint (GetBlueprints, active), the bundle of this region for that blueprint's platform
 * (GetBundles: ids differ by region and suffix, IPv6-only bundles included), and that a bundle is at least as large
 * as the one a source snapshot was made from.
 */
export async function preflight(ctx: DriverContext, args: LightsailInstanceInputs): Promise<void> {
  const [zones, blueprints, bundles] = await Promise.all([zonesOf(ctx), listAll(ctx, "GetBlueprints", "blueprints"), listAll(ctx, "GetBundles", "bundles")]);
  const problems: CatalogProblem[] = [];
  if (!zones.includes(args.availabilityZone)) {
    problems.push({ property: "availabilityZone", message: `"${args.availabilityZone}" is not an Availability Zone of ${ctx.region}; valid choices: ${choices(zones)}` });
  }
  const active = blueprints.filter((b) => b.isActive !== false);
  const blueprint = args.sourceSnapshotName ? undefined : active.find((b) => b.blueprintId === args.blueprintId);
  if (!args.sourceSnapshotName && !blueprint) {
    problems.push({ property: "blueprintId", message: `"${args.blueprintId}" is not an active blueprint of ${ctx.region}; valid choices: ${choices(active.map((b) => String(b.blueprintId)))}` });
  }
  const fitting = bundles.filter((b) => b.isActive !== false && (!blueprint || platforms(b).includes(String(blueprint.platform))));
  if (!fitting.some((b) => b.bundleId === args.bundleId)) {
    const what = blueprint ? `an active bundle of ${ctx.region} for ${String(blueprint.platform)} blueprints` : `an active bundle of ${ctx.region}`;
    problems.push({ property: "bundleId", message: `"${args.bundleId}" is not ${what}; valid choices: ${choices(fitting.map((b) => String(b.bundleId)))}` });
  }
  if (problems.length > 0) throw catalogError("lightsail", args.sourceSnapshotName ? "CreateInstancesFromSnapshot" : "CreateInstances", problems);
  if (args.sourceSnapshotName) await snapshotFits(ctx, args, bundles);
}

/** snapshotFits refuses a bundle smaller than the one the source snapshot was made from. */
async function snapshotFits(ctx: DriverContext, args: LightsailInstanceInputs, bundles: Row[]): Promise<void> {
  const snapshot = await getInstanceSnapshot(ctx, args.sourceSnapshotName!);
  if (!snapshot?.fromBundleId) return;
  const wanted = bundles.find((b) => b.bundleId === args.bundleId);
  const source = bundles.find((b) => b.bundleId === snapshot.fromBundleId);
  if (wanted && source && Number(wanted.power ?? 0) < Number(source.power ?? 0)) {
    throw new CloudError({
      cloud: "lightsail",
      operation: "CreateInstancesFromSnapshot",
      code: "InvalidInputException",
      message: `bundleId ${args.bundleId} is smaller than ${String(source.bundleId)}, the bundle snapshot ${args.sourceSnapshotName} was made from: choose the same size or larger`,
    });
  }
}
