import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { CloudDriver, DriverContext } from "../../../provider/core/driver";
import type { CommonArgs } from "../../../provider/core/commonSchema";
import { ownerTagsOf } from "../../../provider/core/ownership";
import { noteCreated, noteHanded, sweepStrays, takeBack } from "../../../provider/core/strays";
import type { InstanceView } from "../../../provider/core/types";

/**
 * A region of instances behind a fake driver (tagged like Lighthouse, or without tags like JD Cloud), and the
 * record of what this machine created under a temporary PULUMI_HOME: what the sweep and the create take or leave.
 */
function regionOf(tagged: boolean) {
  const live = new Map<string, InstanceView>();
  const deleted: string[] = [];
  const driver = {
    cloud: tagged ? "lighthouse" : "jdcloud",
    fieldRules: { image: "replace" },
    secretPaths: [],
    namesMustBeUnique: false,
    findByTags: async (_ctx: DriverContext, tags: Record<string, string>) =>
      tagged ? [...live.values()].filter((v) => Object.entries(tags).every(([k, val]) => v.tags[k] === val)) : [],
    delete: async (_ctx: DriverContext, ids: string[]) => ids.forEach((id) => deleted.push(id) && live.delete(id)),
    list: async () => [...live.values()],
  } as unknown as CloudDriver;
  const ctx = {
    // Each region its own account: listings are shared by account.
    account: `${driver.cloud}|${Math.random()}`,
    clock: { now: () => Date.now() },
    log: () => undefined,
    waitFor: async ({ ids }: { ids: string[] }) => new Map(ids.map((id) => [id, live.get(id)])),
  } as unknown as DriverContext;
  const args = (image: string, owner = "proj/stack/web") => ({ cloud: driver.cloud, region: "r", owner, image }) as unknown as CommonArgs;
  const add = (id: string, a?: CommonArgs) =>
    live.set(id, { id, name: id, state: "RUNNING", phase: "ready", ipv6Addresses: [], tags: a && tagged ? ownerTagsOf(driver, a) : {} });
  return { driver, ctx, args, add, live, deleted };
}

describe.each([true, false])("strays (tagged cloud: %s)", (tagged) => {
  const saved = process.env.PULUMI_HOME;
  beforeEach(() => (process.env.PULUMI_HOME = fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-strays-"))));
  afterEach(() => (saved === undefined ? delete process.env.PULUMI_HOME : (process.env.PULUMI_HOME = saved)));

  it("an update deletes the instances an interrupted create of the resource left, never the held ones nor anyone else's", async () => {
    const r = regionOf(tagged);
    const old = r.args("img-1");
    const next = r.args("img-2");
    ["held-1", "held-2"].forEach((id) => r.add(id, old));
    noteCreated(r.driver, old, ["held-1", "held-2"]);
    noteHanded(r.driver, old, ["held-1", "held-2"]);
    // The crashed replacement: created and answered, never handed to the engine.
    ["new-1", "new-2"].forEach((id) => r.add(id, next));
    noteCreated(r.driver, next, ["new-1", "new-2"]);
    r.add("other-stack", r.args("img-2", "proj/prod/web"));
    r.add("manual");
    await sweepStrays(r.driver, r.ctx, old, ["held-1", "held-2"]);
    expect(r.deleted.sort()).toEqual(["new-1", "new-2"]);
    expect([...r.live.keys()].sort()).toEqual(["held-1", "held-2", "manual", "other-stack"]);
  });

  it("a create adopts the instances of its own interrupted create, and deletes a replaced fleet's instead of adopting them", async () => {
    const r = regionOf(tagged);
    const a = r.args("img-1");
    const b = r.args("img-2");
    ["a-1", "a-2"].forEach((id) => r.add(id, a));
    noteHanded(r.driver, a, ["a-1", "a-2"]);
    ["b-1", "b-2"].forEach((id) => r.add(id, b));
    noteHanded(r.driver, b, ["b-1", "b-2"]);
    // Fleet a was replaced by fleet b (handed after it): a create of a's inputs must not take a's instances.
    expect(await takeBack(r.driver, r.ctx, a, [...r.live.values()].filter((v) => v.id.startsWith("a-")))).toEqual([]);
    expect(r.deleted.sort()).toEqual(["a-1", "a-2"]);
    // b's instances are the latest handed (an engine killed before recording them): a create resumes them.
    const kept = await takeBack(r.driver, r.ctx, b, [...r.live.values()]);
    expect(kept.map((v) => v.id).sort()).toEqual(["b-1", "b-2"]);
    expect(r.deleted.sort()).toEqual(["a-1", "a-2"]);
  });
});
