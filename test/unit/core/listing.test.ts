import type { CloudDriver, DriverContext } from "../../../provider/core/driver";
import { LISTING_TTL_MS, lookUp, trackingChanges } from "../../../provider/core/listing";
import type { InstanceView } from "../../../provider/core/types";
import { FakeClock } from "../../support/fakeClock";

const view = (id: string): InstanceView => ({ id, name: id, state: "RUNNING", phase: "ready", ipv6Addresses: [], tags: {} });

/**
 * cloudOf is a region of `count` instances behind a driver that counts its listings and describes; `delete` removes
 * instances, as a user deleting them in the console (or this process's own delete) would.
 */
function cloudOf(count: number, endpoint: string) {
  const clock = new FakeClock();
  const live = new Map(Array.from({ length: count }, (_, i) => [`ins-${i}`, view(`ins-${i}`)]));
  const calls = { list: 0, describe: 0 };
  const base = {
    cloud: "lighthouse",
    list: async () => {
      calls.list++;
      return [...live.values()];
    },
    delete: async (_ctx: DriverContext, ids: string[]) => ids.forEach((id) => live.delete(id)),
  } as unknown as CloudDriver;
  const driver = trackingChanges(base);
  const ctx = {
    cloud: "lighthouse",
    region: "ap-guangzhou",
    endpoint,
    account: `lighthouse|${endpoint}|ap-guangzhou|default`,
    // As in the real context, credentials exist only inside a call being sent: a listing must not ask for them.
    get credentials(): never {
      throw new Error("credentials are resolved by send; build requests inside it");
    },
    clock,
    waitFor: async ({ ids }: { ids: string[] }) => {
      calls.describe++;
      return new Map(ids.map((id) => [id, live.get(id)]));
    },
  } as unknown as DriverContext;
  return { clock, live, calls, driver, ctx };
}

describe("lookUp: the region listing shared by drift checks", () => {
  it("answers 300 resources' checks, one after the other, from one listing", async () => {
    const c = cloudOf(300, "https://one");
    c.live.delete("ins-7");
    for (let i = 0; i < 300; i++) {
      const found = await lookUp(c.driver, c.ctx, [`ins-${i}`]);
      expect(found.map((v) => v.id)).toEqual(i === 7 ? [] : [`ins-${i}`]);
    }
    expect(c.calls).toEqual({ list: 1, describe: 0 });
  });

  it("shares one listing between checks arriving together", async () => {
    const c = cloudOf(10, "https://together");
    await Promise.all(Array.from({ length: 10 }, (_, i) => lookUp(c.driver, c.ctx, [`ins-${i}`])));
    expect(c.calls.list).toBe(1);
  });

  it("lists again once the listing is older than its time to live", async () => {
    const c = cloudOf(3, "https://ttl");
    await lookUp(c.driver, c.ctx, ["ins-0"]);
    c.live.delete("ins-1");
    c.clock.t += LISTING_TTL_MS + 1;
    expect(await lookUp(c.driver, c.ctx, ["ins-1"])).toEqual([]);
    expect(c.calls.list).toBe(2);
  });

  it("never answers for an instance this process deleted after the listing: that one is described afresh", async () => {
    const c = cloudOf(3, "https://touched");
    await lookUp(c.driver, c.ctx, ["ins-0"]);
    await c.driver.delete(c.ctx, ["ins-1"]);
    expect(await lookUp(c.driver, c.ctx, ["ins-1", "ins-2"])).toEqual([view("ins-2")]);
    expect(c.calls).toEqual({ list: 1, describe: 1 });
  });

  it("keeps a listing that failed for its time to live, so the other checks fall back at once, then asks again", async () => {
    const c = cloudOf(2, "https://failing");
    let attempts = 0;
    const failing = { ...c.driver, list: async () => (attempts++, Promise.reject(new Error("unreachable"))) } as CloudDriver;
    for (let i = 0; i < 300; i++) await expect(lookUp(failing, c.ctx, ["ins-0"])).rejects.toThrow("unreachable");
    expect(attempts).toBe(1);
    c.clock.t += LISTING_TTL_MS + 1;
    expect(await lookUp(c.driver, c.ctx, ["ins-0"])).toEqual([view("ins-0")]);
    expect(c.calls.list).toBe(1);
  });
});
