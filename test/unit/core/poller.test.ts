import { Poller } from "../../../provider/core/poller";
import { CloudError } from "../../../provider/core/errors";
import type { InstanceView, Phase } from "../../../provider/core/types";
import { FakeClock } from "../../support/fakeClock";

function view(id: string, phase: Phase): InstanceView {
  return { id, name: id, state: phase, phase, ipv6Addresses: [], tags: {} };
}

/** A fake cloud whose instances become ready at given virtual times. */
function fakeCloud(clock: FakeClock, readyAt: Record<string, number>) {
  const calls: Array<{ at: number; ids: string[] }> = [];
  const describe = async (ids: string[]) => {
    calls.push({ at: clock.now(), ids });
    const m = new Map<string, InstanceView>();
    for (const id of ids) if (id in readyAt) m.set(id, view(id, clock.now() >= readyAt[id] ? "ready" : "pending"));
    return m;
  };
  return { calls, describe };
}

const allReady = (views: Map<string, InstanceView | undefined>) =>
  [...views.values()].every((v) => v?.phase === "ready") ? ("done" as const) : ("wait" as const);

function poller(clock: FakeClock, describe: (ids: string[]) => Promise<Map<string, InstanceView>>, batchSize = 100) {
  return new Poller("lighthouse", describe, { minIntervalMs: 250, maxIntervalMs: 5000, batchSize, clock });
}

describe("Poller", () => {
  it("describes every waiter's ids together, in batches of the cloud's size", async () => {
    const clock = new FakeClock();
    const ids = Array.from({ length: 150 }, (_, i) => `i-${i}`);
    const cloud = fakeCloud(clock, Object.fromEntries(ids.map((id) => [id, 2000])));
    const p = poller(clock, cloud.describe);
    let resolved = 0;
    for (let w = 0; w < 3; w++) {
      void p.waitFor({ ids: ids.slice(w * 50, w * 50 + 50), check: allReady, deadline: 60_000, what: "ready" }).then(() => resolved++);
    }
    await clock.runUntil(() => resolved === 3);
    expect(resolved).toBe(3);
    // Each round covers all 150 ids in two calls (100 + 50), however many waiters there are.
    expect(cloud.calls.every((c) => c.ids.length === 100 || c.ids.length === 50)).toBe(true);
    expect(cloud.calls.length).toBe(p.rounds * 2);
  });

  it("polls fast at first and backs off to the maximum interval", async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, { a: 120_000 });
    const p = poller(clock, cloud.describe);
    let done = false;
    void p.waitFor({ ids: ["a"], check: allReady, deadline: 600_000, what: "ready" }).then(() => (done = true));
    await clock.runUntil(() => done);
    const gaps = cloud.calls.slice(1).map((c, i) => c.at - cloud.calls[i].at);
    expect(gaps[0]).toBeLessThanOrEqual(300);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5000 * 1.2);
    expect(gaps[gaps.length - 1]).toBeGreaterThan(gaps[0] * 10);
    // Two minutes of waiting cost a few dozen calls, not one every 250 ms.
    expect(cloud.calls.length).toBeLessThan(60);
  });

  it("wakes each waiter as soon as its own instances are ready", async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, { fast: 1000, slow: 30_000 });
    const p = poller(clock, cloud.describe);
    const woke: Record<string, number> = {};
    void p.waitFor({ ids: ["fast"], check: allReady, deadline: 60_000, what: "ready" }).then(() => (woke.fast = clock.now()));
    void p.waitFor({ ids: ["slow"], check: allReady, deadline: 60_000, what: "ready" }).then(() => (woke.slow = clock.now()));
    await clock.runUntil(() => "slow" in woke);
    expect(woke.fast).toBeGreaterThanOrEqual(1000);
    expect(woke.fast).toBeLessThan(1500);
    expect(woke.slow).toBeGreaterThanOrEqual(30_000);
    expect(woke.slow).toBeLessThan(36_000);
  });

  it("fails a wait at its deadline, naming the instances still pending", async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, { a: 1000, b: 999_999 });
    const p = poller(clock, cloud.describe);
    let err: unknown;
    void p.waitFor({ ids: ["a", "b"], check: allReady, deadline: 20_000, what: "running" }).catch((e) => (err = e));
    await clock.runUntil(() => err !== undefined);
    expect(err).toBeInstanceOf(CloudError);
    expect((err as CloudError).code).toBe("Timeout");
    expect((err as CloudError).instanceIds).toEqual(["b"]);
    expect((err as CloudError).message).toMatch(/running/);
    expect(clock.now()).toBeLessThan(26_000);
  });

  it("stops polling once nobody waits, and fails waiters when describe fails", async () => {
    const clock = new FakeClock();
    const p = new Poller("zenlayer", async () => {
      throw new CloudError({ cloud: "zenlayer", operation: "DescribeInstances", code: "INVALID_ACCESS_KEY", message: "denied" });
    }, { minIntervalMs: 250, maxIntervalMs: 5000, batchSize: 100, clock });
    let err: unknown;
    void p.waitFor({ ids: ["a"], check: allReady, deadline: 60_000, what: "ready" }).catch((e) => (err = e));
    await clock.runUntil(() => err !== undefined);
    expect((err as CloudError).code).toBe("INVALID_ACCESS_KEY");
    const rounds = p.rounds;
    await clock.runUntil(() => false, 60_000);
    expect(p.rounds).toBe(rounds);
  });

  it("lets a waiter fail fast by throwing from its check", async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, { a: 1 });
    const p = poller(clock, cloud.describe);
    let err: unknown;
    void p
      .waitFor({ ids: ["a"], check: () => { throw new Error("LAUNCH_FAILED"); }, deadline: 60_000, what: "ready" })
      .catch((e) => (err = e));
    await clock.runUntil(() => err !== undefined);
    expect((err as Error).message).toBe("LAUNCH_FAILED");
  });
});
