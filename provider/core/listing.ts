import type { CloudDriver, DriverContext } from "./driver";
import type { InstanceView } from "./types";
import { OWNER_TAG } from "./ownership";
import { pollsNaively } from "./context";
import { describeFleet } from "./waits";

/**
 * LISTING_TTL_MS is how long one region-wide listing answers drift checks. The engine diffs resources one at a time,
 * so a per-resource describe would put one cloud round trip per resource in series; one listing, shared by every diff
 * of the engine operation, costs ceil(instances in the region / page size) calls instead. A minute covers the diffs
 * of a preview of a few thousand resources; a listing older than that is taken again.
 */
export const LISTING_TTL_MS = 60_000;

/** Views is one listing: every instance by id, and by the value of its owner tag (every diff asks for its own). */
interface Views {
  byId: Map<string, InstanceView>;
  byOwner: Map<string, InstanceView[]>;
}

interface Listing {
  takenAt: number;
  views: Promise<Views>;
}

function indexed(views: InstanceView[]): Views {
  const byOwner = new Map<string, InstanceView[]>();
  for (const v of views) {
    const owner = v.tags[OWNER_TAG];
    if (owner === undefined) continue;
    const owned = byOwner.get(owner);
    if (owned) owned.push(v);
    else byOwner.set(owner, [v]);
  }
  return { byId: new Map(views.map((v) => [v.id, v])), byOwner };
}

const listings = new Map<string, Listing>();
/** When this process last created, changed or deleted each instance, by account: a listing older than that is stale for it. */
const touched = new Map<string, Map<string, number>>();

/** accountOf keys listings as pollers and rate limits are keyed: cloud, endpoint, region and account. */
function accountOf(ctx: DriverContext): string {
  return ctx.account;
}

function listingFor(driver: CloudDriver, ctx: DriverContext): Listing {
  const key = accountOf(ctx);
  const now = ctx.clock.now();
  const current = listings.get(key);
  if (current && now - current.takenAt <= LISTING_TTL_MS) return current;
  const listing: Listing = { takenAt: now, views: driver.list(ctx).then(indexed) };
  listings.set(key, listing);
  // A failed listing is kept as long as one that answered: the drift checks of the next minute then compare with the
  // recorded state at once, instead of each waiting out an unreachable cloud in series (a preview of 300 resources
  // whose recorded endpoint was down took over 11 minutes). Its rejection is read by every lookUp that awaits it.
  listing.views.catch(() => undefined);
  return listing;
}

/**
 * lookUp reads the instances `ids` from the account's shared listing, in the order of `ids`; gone ones are left out.
 * Instances this process touched since the listing was taken are described afresh through the shared poller. The
 * benchmark's naive baseline describes them all, as a provider without a shared listing does.
 */
export async function lookUp(driver: CloudDriver, ctx: DriverContext, ids: string[]): Promise<InstanceView[]> {
  if (ids.length === 0) return [];
  if (pollsNaively()) return describeFleet(ctx, ids);
  const listing = listingFor(driver, ctx);
  const listed = (await listing.views).byId;
  const changed = touched.get(accountOf(ctx));
  const stale = ids.filter((id) => (changed?.get(id) ?? -Infinity) >= listing.takenAt);
  const fresh = stale.length ? await ctx.waitFor({ ids: stale, what: "a describe", check: () => "done" }) : new Map<string, InstanceView | undefined>();
  return ids.map((id) => (fresh.has(id) ? fresh.get(id) : listed.get(id))).filter((v): v is InstanceView => !!v);
}

/**
 * listedOwnedBy reads from the account's shared listing the instances whose owner tag is `owner`, from an index, so
 * that N diffs cost N lookups rather than N scans of the region.
 */
export async function listedOwnedBy(driver: CloudDriver, ctx: DriverContext, owner: string): Promise<InstanceView[]> {
  return (await listingFor(driver, ctx).views).byOwner.get(owner) ?? [];
}

function touch(ctx: DriverContext, ids: Iterable<string>): void {
  const key = accountOf(ctx);
  let m = touched.get(key);
  if (!m) touched.set(key, (m = new Map()));
  const now = ctx.clock.now();
  for (const id of ids) m.set(id, now);
}

/**
 * trackingChanges returns the driver with its create, update and delete recording the instances they touch, before
 * and after the call, so that a listing taken meanwhile never answers for them.
 */
export function trackingChanges<D extends CloudDriver>(driver: D): D {
  return {
    ...driver,
    async create(ctx, args, req) {
      const res = await driver.create(ctx, args, req);
      touch(ctx, res.ids);
      return res;
    },
    async update(ctx, instances, olds, news) {
      const ids = instances.map((v) => v.id);
      touch(ctx, ids);
      try {
        return await driver.update(ctx, instances, olds, news);
      } finally {
        touch(ctx, ids);
      }
    },
    async delete(ctx, ids) {
      touch(ctx, ids);
      try {
        return await driver.delete(ctx, ids);
      } finally {
        touch(ctx, ids);
      }
    },
  };
}
