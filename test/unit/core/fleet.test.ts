import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { zenlayerDriver } from "../../../provider/clouds/zenlayer";
import type { ZenlayerInstanceArgs } from "../../../provider/clouds/zenlayer/schema";
import type { CloudDriver } from "../../../provider/core/driver";
import { CloudError } from "../../../provider/core/errors";
import { CREATES_AT_ONCE } from "../../../provider/core/admission";
import { argsFromOutputs, createFleet, deleteFleet, outputsOf, updateFleet } from "../../../provider/core/fleet";
import { fingerprintOf, ownerTagsOf } from "../../../provider/core/ownership";
import type { InstanceOutputs } from "../../../provider/core/outputs";
import type { InstanceView } from "../../../provider/core/types";
import { fleetInputs } from "../../support/cloudInputs";

jest.setTimeout(30_000);

/**
 * FakeCloud is an in-memory Zenlayer behind the real Zenlayer driver's rules (schema, field rules, status): its
 * instances run as soon as a describe has seen them pending once, with a public IPv4 unless the create asked for none.
 * A client token asked again answers with the instances its first call created, as every cloud's does.
 */
class FakeCloud {
  private static count = 0;
  /** Pollers are shared by endpoint: each fake cloud has its own. */
  readonly endpoint = `http://127.0.0.1:9/fake-${++FakeCloud.count}`;
  readonly instances = new Map<string, InstanceView & { launches: boolean }>();
  readonly creates: number[] = [];
  readonly deleted: string[] = [];
  private readonly tokens = new Map<string, string[]>();
  private next = 1;
  failNext = 0;
  /** A failed launch is gone before anyone looks (JD Cloud deletes failed instances itself). */
  failedVanish = false;
  /** The next create is performed but never answered: the engine was killed during the call. */
  killDuringCreate = false;
  /** Instances stay pending: the operation runs out of time. */
  neverRun = false;
  /** The lookups the provider made: whole-region listings, and searches by tag. */
  readonly lookups = { list: 0, findByTags: 0 };

  add(tags: Record<string, string>, withIpv4 = true): string {
    const id = `i-${this.next++}`;
    const launches = this.failNext-- <= 0;
    if (launches || !this.failedVanish) this.instances.set(id, { id, name: id, state: "PENDING", phase: "pending", ipv6Addresses: [], tags, launches, raw: { withIpv4 } });
    return id;
  }

  private step(v: InstanceView & { launches: boolean }): InstanceView {
    if (v.state === "PENDING" && !this.neverRun) {
      const ip = v.raw?.withIpv4 ? `203.0.113.${v.id.slice(2)}` : undefined;
      Object.assign(v, v.launches ? { state: "RUNNING", phase: ip ? "ready" : "pending", publicIp: ip } : { state: "CREATE_FAILED", phase: "failed", failure: { code: "CREATE_FAILED", message: "no capacity" } });
      return { ...v, state: "PENDING", phase: "pending", publicIp: undefined, failure: undefined };
    }
    return { ...v };
  }

  driver(): CloudDriver<ZenlayerInstanceArgs> {
    return {
      ...zenlayerDriver,
      create: async (_ctx, args, req) => {
        let ids = this.tokens.get(req.clientToken);
        if (!ids) {
          this.creates.push(req.count);
          ids = Array.from({ length: req.count }, () => this.add({ ...req.ownerTags }, args.enableIpv4 !== false));
          this.tokens.set(req.clientToken, ids);
        }
        if (this.killDuringCreate) {
          this.killDuringCreate = false;
          return new Promise<never>(() => undefined);
        }
        return { ids: [...ids] };
      },
      describe: async (_ctx, ids) => new Map(ids.filter((id) => this.instances.has(id)).map((id) => [id, this.step(this.instances.get(id)!)])),
      list: async () => {
        this.lookups.list++;
        return [...this.instances.values()].map((v) => ({ ...v }));
      },
      findByTags: async (_ctx, tags) => {
        this.lookups.findByTags++;
        return [...this.instances.values()].filter((v) => Object.entries(tags).every(([k, val]) => v.tags[k] === val)).map((v) => ({ ...v }));
      },
      findByIdsOrNames: async (_ctx, list) => list.filter((id) => this.instances.has(id)).map((id) => ({ ...this.instances.get(id)! })),
      delete: async (_ctx, ids) => {
        for (const id of ids) if (this.instances.delete(id)) this.deleted.push(id);
      },
      update: async () => undefined,
      preflight: undefined,
    };
  }
}

/** args are a valid Zenlayer fleet of `count` on the cloud, as its schema reads the inputs. */
function args(count: number, patch: Partial<ZenlayerInstanceArgs> = {}, cloud?: FakeCloud): ZenlayerInstanceArgs {
  return zenlayerDriver.schema.parse({ ...fleetInputs("zenlayer", cloud?.endpoint ?? "http://127.0.0.1:9", count, "fleet/test/web"), ...patch });
}

/**
 * underFakeTime runs `op` with time moving on a second at a go, instantly: the provider's waits (polling, the grace a
 * cloud has to list an instance it accepted) cost the test nothing.
 */
async function underFakeTime<T>(op: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
  try {
    let settled = false;
    const result = op();
    void result.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) await jest.advanceTimersByTimeAsync(1_000);
    return await result;
  } finally {
    jest.useRealTimers();
  }
}

/** until waits for `done` to hold. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** killedDuringGrowth is a fleet of 2 whose growth to 3 was cut short by a kill during its create call. */
async function killedDuringGrowth() {
  const cloud = new FakeCloud();
  const driver = cloud.driver();
  const { id, outs } = await createFleet(driver, args(2, {}, cloud));
  cloud.killDuringCreate = true;
  void updateFleet(driver, id, outs, args(3, {}, cloud));
  await until(() => cloud.creates.length === 2);
  return { cloud, driver, id, outs };
}

let home: string;
beforeAll(() => {
  // Lifetimes are recorded under PULUMI_HOME.
  home = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-test-"));
  process.env.PULUMI_HOME = home;
});
afterAll(() => {
  delete process.env.PULUMI_HOME;
  fs.rmSync(home, { recursive: true, force: true });
});

describe("createFleet", () => {
  it("creates the whole fleet in one call and returns once every instance is ready, with its addresses", async () => {
    const cloud = new FakeCloud();
    const { id, outs } = await createFleet(cloud.driver(), args(3, {}, cloud));
    expect(cloud.creates).toEqual([3]);
    expect(outs.instanceIds).toHaveLength(3);
    expect(outs.publicIps.every((ip) => ip.startsWith("203.0.113."))).toBe(true);
    expect(id).toContain(outs.instanceIds[0]);
  });

  it("resumed, keeps the instances this resource created before and creates only the rest", async () => {
    const cloud = new FakeCloud();
    const a = args(3, {}, cloud);
    const before = [cloud.add(ownerTagsOf(zenlayerDriver, a)), cloud.add(ownerTagsOf(zenlayerDriver, a))];
    cloud.add({ "lightfleet-owner": "someone/else" });
    const { outs } = await createFleet(cloud.driver(), a);
    expect(cloud.creates).toEqual([1]);
    expect(outs.instanceIds).toEqual(expect.arrayContaining(before));
    expect(outs.instanceIds).toHaveLength(3);
  });

  it("asks the cloud nothing of its own before creating new fleets: one listing of the account serves them all", async () => {
    const cloud = new FakeCloud();
    const driver = cloud.driver();
    await Promise.all(["a", "b", "c"].map((name) => createFleet(driver, args(1, { owner: `fleet/new/${name}` }, cloud))));
    expect(cloud.creates).toEqual([1, 1, 1]);
    expect(cloud.lookups).toEqual({ list: 1, findByTags: 0 });
  });

  it("lets twenty new fleets of an account prepare and send their create at once; the others start as places free", async () => {
    const cloud = new FakeCloud();
    const base = cloud.driver();
    let sent = 0;
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const driver: CloudDriver<ZenlayerInstanceArgs> = {
      ...base,
      create: async (ctx, a, req) => {
        sent++;
        await answered;
        return base.create(ctx, a, req);
      },
    };
    const names = Array.from({ length: CREATES_AT_ONCE + 5 }, (_, i) => `fleet/line/${i}`);
    const all = Promise.all(names.map((owner) => createFleet(driver, args(1, { owner }, cloud))));
    await until(() => sent >= CREATES_AT_ONCE);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toBe(CREATES_AT_ONCE);
    answer();
    const created = await all;
    expect(sent).toBe(names.length);
    expect(cloud.creates).toHaveLength(names.length);
    expect(created.every((c) => c.outs.instanceIds?.length === 1)).toBe(true);
  });

  it("resumes a create another machine started: the listing shows its instances, which are kept", async () => {
    const cloud = new FakeCloud();
    const a = args(2, { owner: "fleet/other-machine/web" }, cloud);
    const before = cloud.add(ownerTagsOf(zenlayerDriver, a));
    cloud.add({ ...ownerTagsOf(zenlayerDriver, a), "lightfleet-fleet": "another-fleet" });
    const { outs } = await createFleet(cloud.driver(), a);
    expect(cloud.creates).toEqual([1]);
    expect(outs.instanceIds).toHaveLength(2);
    expect(outs.instanceIds).toContain(before);
  });

  it("judges readiness by the fleet's inputs: without a public IPv4 a running instance is ready", async () => {
    const cloud = new FakeCloud();
    const { outs } = await createFleet(cloud.driver(), args(2, { enableIpv4: false }, cloud));
    expect(outs.publicIps).toEqual(["", ""]);
  });

  it("refuses to adopt an instance that does not exist, creating nothing", async () => {
    const cloud = new FakeCloud();
    const err = await createFleet(cloud.driver(), args(2, { adopt: ["i-404"] }, cloud)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "AdoptNotFound", message: expect.stringContaining("i-404") });
    expect(cloud.creates).toEqual([]);
  });

  it("reports instances that failed to launch with the resource id, so the engine keeps the ones that run", async () => {
    const cloud = new FakeCloud();
    cloud.failNext = 1;
    const err = (await createFleet(cloud.driver(), args(3, {}, cloud)).catch((e: unknown) => e)) as CloudError;
    expect(err).toBeInstanceOf(CloudError);
    expect(err.message).toMatch(/1 of 3 instances failed to launch: i-1 \(CREATE_FAILED: no capacity\)/);
    expect(err.id).toBeDefined();
    expect((err.properties as unknown as InstanceOutputs).instanceIds).toEqual(["i-1", "i-2", "i-3"]);
  });
});

describe("a wait that runs out of time", () => {
  it("on create, hands the engine every instance the cloud accepted, so that a destroy right after deletes them all", () =>
    underFakeTime(async () => {
      const cloud = new FakeCloud();
      cloud.neverRun = true;
      const a = args(2, { timeouts: { create: "30s" } }, cloud);
      const err = (await createFleet(cloud.driver(), a).catch((e: unknown) => e)) as CloudError;
      expect(err.message).toMatch(/gave up waiting .* still waiting on i-1, i-2/);
      const recorded = err.properties as unknown as InstanceOutputs;
      expect(recorded.instanceIds).toEqual(["i-1", "i-2"]);
      expect(recorded.instances.map((i) => i.state)).toEqual(["pending", "pending"]);
      await deleteFleet(cloud.driver(), recorded, recorded.instanceIds);
      expect(cloud.instances.size).toBe(0);
    }));

  it("on a growth, records the new instances beside the old ones", () =>
    underFakeTime(async () => {
      const cloud = new FakeCloud();
      const { id, outs } = await createFleet(cloud.driver(), args(1, {}, cloud));
      cloud.neverRun = true;
      const err = (await updateFleet(cloud.driver(), id, outs, args(2, { timeouts: { update: "30s" } }, cloud)).catch((e: unknown) => e)) as CloudError;
      expect((err.properties as unknown as InstanceOutputs).instanceIds).toEqual(["i-1", "i-2"]);
    }));
});

describe("updateFleet", () => {
  it("shrinks by deleting the newest instances, and grows by creating only the missing ones", async () => {
    const cloud = new FakeCloud();
    const driver = cloud.driver();
    const { id, outs } = await createFleet(driver, args(3, {}, cloud));
    const smaller = await updateFleet(driver, id, outs, args(2, {}, cloud));
    expect(cloud.deleted).toEqual([outs.instanceIds[2]]);
    expect(smaller.instanceIds).toEqual(outs.instanceIds.slice(0, 2));
    const bigger = await updateFleet(driver, id, smaller, args(4, {}, cloud));
    expect(cloud.creates).toEqual([3, 2]);
    expect(bigger.instanceIds.slice(0, 2)).toEqual(smaller.instanceIds);
    expect(bigger.instanceIds).toHaveLength(4);
  });

  it("replaces an instance that failed and one deleted behind its back", async () => {
    const cloud = new FakeCloud();
    const driver = cloud.driver();
    const { id, outs } = await createFleet(driver, args(2, {}, cloud));
    cloud.instances.delete(outs.instanceIds[0]);
    Object.assign(cloud.instances.get(outs.instanceIds[1])!, { state: "CREATE_FAILED", phase: "failed" });
    const healed = await updateFleet(driver, id, outs, args(2, {}, cloud));
    expect(cloud.deleted).toEqual([outs.instanceIds[1]]);
    expect(healed.instanceIds).toHaveLength(2);
    expect(healed.instanceIds).not.toContain(outs.instanceIds[0]);
    expect(healed.instanceIds).not.toContain(outs.instanceIds[1]);
  });

  it("fails when a grown instance fails to launch, even when the cloud deleted it before anyone looked, and never creates it again", () =>
    underFakeTime(async () => {
      const cloud = new FakeCloud();
      const driver = cloud.driver();
      const { id, outs } = await createFleet(driver, args(2, {}, cloud));
      cloud.failNext = 1;
      cloud.failedVanish = true;
      const err = (await updateFleet(driver, id, outs, args(3, {}, cloud)).catch((e: unknown) => e)) as CloudError;
      expect(cloud.creates).toEqual([2, 1]);
      expect(err).toBeInstanceOf(CloudError);
      expect(err.message).toMatch(/1 of 3 instances failed to launch: i-3 \(Vanished/);
      expect((err.properties as unknown as InstanceOutputs).instanceIds).toEqual(outs.instanceIds);
    }));

  it("resumed after the engine was killed during a growth's create, takes the instance that create made", () =>
    underFakeTime(async () => {
      const { cloud, driver, id, outs } = await killedDuringGrowth();
      const resumed = await updateFleet(driver, id, outs, args(3, {}, cloud));
      expect(cloud.creates).toEqual([2, 1]);
      expect(resumed.instanceIds).toEqual([...outs.instanceIds, "i-3"]);
    }));

  it("resumed after a kill, creates afresh when the interrupted create's instance was deleted since", () =>
    underFakeTime(async () => {
      const { cloud, driver, id, outs } = await killedDuringGrowth();
      cloud.instances.delete("i-3");
      const resumed = await updateFleet(driver, id, outs, args(3, {}, cloud));
      expect(cloud.creates).toEqual([2, 1, 1]);
      expect(resumed.instanceIds).toEqual([...outs.instanceIds, "i-4"]);
    }));

  it("grown again from the same instances after a shrink, creates afresh rather than taking the deleted instance back", () =>
    underFakeTime(async () => {
      const cloud = new FakeCloud();
      const driver = cloud.driver();
      const { id, outs } = await createFleet(driver, args(2, {}, cloud));
      const grown = await updateFleet(driver, id, outs, args(3, {}, cloud));
      const shrunk = await updateFleet(driver, id, grown, args(2, {}, cloud));
      const regrown = await updateFleet(driver, id, shrunk, args(3, {}, cloud));
      expect(cloud.creates).toEqual([2, 1, 1]);
      expect(regrown.instanceIds).toEqual([...outs.instanceIds, "i-4"]);
    }));
});

describe("deleteFleet", () => {
  it("deletes every instance of the recorded fleet", async () => {
    const cloud = new FakeCloud();
    const { outs } = await createFleet(cloud.driver(), args(2, {}, cloud));
    await deleteFleet(cloud.driver(), outs, outs.instanceIds);
    expect(cloud.instances.size).toBe(0);
  });
});

describe("recorded outputs", () => {
  it("keep secrets apart from the plain inputs, and give the full inputs back", () => {
    const a = args(2, { initScript: "#!/bin/sh\necho hi" });
    const outs = outputsOf(zenlayerDriver, a, []);
    expect(JSON.stringify(outs.args)).not.toContain(a.password);
    expect(JSON.stringify(outs.args)).not.toContain("echo hi");
    expect(outs.secretInputs).toEqual({ password: a.password, initScript: a.initScript });
    expect(argsFromOutputs(outs)).toEqual(a);
  });

  it("hold no secretInputs when the inputs have no secret", () => {
    const { password: _password, ...noSecret } = args(1);
    expect(outputsOf(zenlayerDriver, noSecret as ZenlayerInstanceArgs, []).secretInputs).toBeUndefined();
  });
});

describe("ownership", () => {
  it("keeps owner tags within the characters every cloud's tag values allow", () => {
    const tags = ownerTagsOf(zenlayerDriver, args(1, { owner: "proj/dev/web#1 (blue)" }));
    expect(tags["lightfleet-owner"]).toBe("proj/dev/web_1 _blue_");
  });

  it("gives a new fleet tag to a replacing change and keeps it through an in-place one", () => {
    const base = fingerprintOf(zenlayerDriver, args(2, {}));
    expect(fingerprintOf(zenlayerDriver, args(2, { instanceType: "z2a.cpu.2" }))).not.toBe(base);
    expect(fingerprintOf(zenlayerDriver, args(5, { instanceName: "api" }))).toBe(base);
  });
});
