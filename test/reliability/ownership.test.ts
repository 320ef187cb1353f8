import { drivers } from "../../provider/clouds/registry";
import { contextFor } from "../../provider/core/context";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { asCloudAdmin } from "../support/lifecycleSuite";
import { Stack, expectOk } from "./support";

/**
 * Ownership: an instance lightfleet did not create (or another stack created) is never adopted or deleted silently;
 * `adopt` takes it over on purpose and tags it as owned, so destroy deletes it knowingly; two stacks run in parallel
 * against the same localcloud leave each other's instances alone.
 */
jest.setTimeout(300_000);

describe("ownership", () => {
  let lc: LocalcloudHandle;
  beforeAll(async () => {
    lc = await startTestLocalcloud();
    asCloudAdmin();
  });
  afterAll(() => lc.close());

  it("refuses a Lightsail name held by a foreign instance, saying how to adopt it, and adopt takes it over tagged", async () => {
    const driver = drivers.lightsail;
    const ctx = contextFor(driver, { region: "us-east-1", endpoint: lc.url }, Date.now() + 60_000);
    // Someone created own-1 by hand (no lightfleet tags).
    await driver.create(ctx, { cloud: "lightsail", region: "us-east-1", instanceNames: ["own-1"], availabilityZone: "us-east-1a", blueprintId: "ubuntu_22_04", bundleId: "nano_3_0" } as never, {
      count: 1,
      names: ["own-1"],
      clientToken: "manual",
      ownerTags: {},
    });
    const stack = new Stack(lc, "reliability-ownership", "owner");
    const refused = await stack.run("up", { names: "own-1,own-2" });
    expect(refused.ok).toBe(false);
    const said = `${refused.error}`;
    expect(said).toMatch(/own-1 \(\w+, not created by lightfleet\)/);
    expect(said).toContain('adopt: ["own-1"]');
    const untouched = await lc.instances("lightsail");
    expect(untouched.map((i) => i.id)).toEqual(["own-1"]);
    expect(untouched[0].tags["lightfleet-owner"]).toBeUndefined();

    const adopted = expectOk(await stack.run("up", { names: "own-1,own-2", adopt: "own-1" }));
    expect((adopted.outputs!.instanceIds as string[]).sort()).toEqual(["own-1", "own-2"]);
    const own1 = (await lc.instances("lightsail")).find((i) => i.id === "own-1")!;
    expect(own1.tags["lightfleet-owner"]).toBe("lightfleet/owner/owned-web");

    expectOk(await stack.run("destroy", { names: "own-1,own-2", adopt: "own-1" }));
    expect(await lc.instances("lightsail")).toHaveLength(0);
  });

  it("two stacks of the same program in parallel keep to their own instances", async () => {
    const a = new Stack(lc, "zenlayer", "alpha");
    const b = new Stack(lc, "zenlayer", "beta");
    const [ua, ub] = await Promise.all([a.run("up", { count: 2 }), b.run("up", { count: 2 })]);
    const idsA = expectOk(ua).outputs!.instanceIds as string[];
    const idsB = expectOk(ub).outputs!.instanceIds as string[];
    expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);
    const held = await lc.instances("zenlayer");
    expect(held).toHaveLength(4);
    for (const i of held) expect(i.tags["lightfleet-owner"]).toBe(`lightfleet/${idsA.includes(i.id) ? "alpha" : "beta"}/zenlayer-web`);

    // A foreign instance with the fleet's very name, made by hand, is neither adopted nor deleted by either stack.
    const driver = drivers.zenlayer;
    const ctx = contextFor(driver, { region: "asia-east-1", endpoint: lc.url }, Date.now() + 60_000);
    const base = { cloud: "zenlayer", region: "asia-east-1", zoneId: "asia-east-1a", subnetId: "subnet-hk-a-default", imageId: "img-ubuntu-2204-x64", instanceType: "c.1c2g", instanceChargeType: "POSTPAID", internetChargeType: "ByBandwidth", instanceName: "zweb1", password: "Lightfleet#2026" };
    const { ids: [foreign] } = await driver.create(ctx, base as never, { count: 1, clientToken: "manual", ownerTags: {} });

    const [ra, da] = await Promise.all([a.run("refresh", { count: 2 }), b.run("destroy", { count: 2 })]);
    expectOk(ra);
    expectOk(da);
    const left = (await lc.instances("zenlayer")).map((i) => i.id).sort();
    expect(left).toEqual([...idsA, foreign].sort());
    expectOk(await a.run("destroy", { count: 2 }));
    expect((await lc.instances("zenlayer")).map((i) => i.id)).toEqual([foreign]);
  });
});
