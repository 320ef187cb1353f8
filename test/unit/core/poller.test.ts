import { Poller } from "../../../provider/core/poller";
import { declaredWait, instancesGone, PRESENT, type WaitDeclaration } from "../../../provider/core/waits";
import { CloudError } from "../../../provider/core/errors";
import type { InstanceView, Phase } from "../../../provider/core/types";
import { TokenBucket } from "../../../provider/core/rateLimiter";
import { withRetries } from "../../../provider/core/retry";
import { FakeClock, settle } from "../../support/fakeClock";

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

  it("fails a wait at its deadline, naming the instances still short of its target", async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, { a: 1000, b: 999_999 });
    const p = poller(clock, cloud.describe);
    let err: unknown;
    void p.waitFor({ ids: ["a", "b"], reached: (v) => v?.phase === "ready", deadline: 20_000, what: "running" }).catch((e) => (err = e));
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

describe("Poller cancellation", () => {
  it("rejects a cancelled wait at once with the signal's reason and stops describing its ids", async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, { kept: 20_000, cancelled: 999_999 });
    const p = poller(clock, cloud.describe);
    const abort = new AbortController();
    let err: unknown;
    let keptDone = false;
    void p.waitFor({ ids: ["cancelled"], check: allReady, deadline: 600_000, what: "ready", signal: abort.signal }).catch((e) => (err = e));
    void p.waitFor({ ids: ["kept"], check: allReady, deadline: 600_000, what: "ready" }).then(() => (keptDone = true));
    await clock.runUntil(() => cloud.calls.length >= 2);
    abort.abort(new Error("update cancelled"));
    await settle();
    expect((err as Error).message).toBe("update cancelled");
    const callsAtAbort = cloud.calls.length;
    await clock.runUntil(() => keptDone);
    expect(keptDone).toBe(true);
    // The rounds after the cancellation describe only the wait that is left.
    expect(cloud.calls.slice(callsAtAbort).every((c) => c.ids.join() === "kept")).toBe(true);
  });

  it("never describes for a wait cancelled before it starts, and stops polling when the last wait is cancelled", async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, { a: 999_999 });
    const p = poller(clock, cloud.describe);
    let early: unknown;
    void p.waitFor({ ids: ["a"], check: allReady, deadline: 600_000, what: "ready", signal: AbortSignal.abort() }).catch((e) => (early = e));
    await settle();
    expect((early as Error).name).toBe("AbortError");
    const abort = new AbortController();
    let late: unknown;
    void p.waitFor({ ids: ["a"], check: allReady, deadline: 600_000, what: "ready", signal: abort.signal }).catch((e) => (late = e));
    await clock.runUntil(() => cloud.calls.length >= 3);
    abort.abort();
    await clock.runUntil(() => false, 60_000);
    expect((late as Error).name).toBe("AbortError");
    expect(cloud.calls.length).toBe(3);
  });
});

describe("Poller under a throttling cloud", () => {
  it("slows its describe calls through the shared token bucket instead of failing the waits", async () => {
    const clock = new FakeClock(() => 0);
    // A cloud that allows 2 describe calls in any second and answers more with a throttling error.
    const sent: number[] = [];
    let throttledAnswers = 0;
    const bucket = new TokenBucket(10, 1, clock);
    const describeOnce = async (ids: string[]) => {
      await bucket.take();
      if (sent.filter((t) => clock.now() - t < 1000).length >= 2) {
        throttledAnswers++;
        bucket.throttled();
        throw new CloudError({ cloud: "lighthouse", operation: "DescribeInstances", code: "RequestLimitExceeded", message: "slow down", retryable: true, throttled: true });
      }
      sent.push(clock.now());
      bucket.succeeded();
      return new Map(ids.map((id) => [id, view(id, clock.now() >= 10_000 ? "ready" : "pending")]));
    };
    // A poller that polls far too often for this cloud (every 50 ms), with 300 ids: 3 calls a round.
    const p = new Poller("lighthouse", (ids) => withRetries(() => describeOnce(ids), clock), { minIntervalMs: 50, maxIntervalMs: 50, batchSize: 100, clock });
    const ids = Array.from({ length: 300 }, (_, i) => `i-${i}`);
    let done = 0;
    for (let w = 0; w < 30; w++) void p.waitFor({ ids: ids.slice(w * 10, w * 10 + 10), check: allReady, deadline: 600_000, what: "ready" }).then(() => done++);
    await clock.runUntil(() => done === 30);
    expect(done).toBe(30);
    expect(throttledAnswers).toBeGreaterThan(0);
    // The bucket has slowed to the cloud's pace: most calls were accepted, not refused.
    expect(throttledAnswers).toBeLessThan(sent.length);
    expect(bucket.currentRate).toBeLessThan(10);
  });
});

describe("Poller with a stream of new waits", () => {
  function streaming(busyMinIntervalMs?: number) {
    const clock = new FakeClock();
    const ids = Array.from({ length: 100 }, (_, i) => `i-${i}`);
    // A fleet created at 5 calls a second: instance k is created at 200k ms and runs 33 s later.
    const cloud = fakeCloud(clock, Object.fromEntries(ids.map((id, k) => [id, 200 * k + 33_000])));
    const p = new Poller("lighthouse", cloud.describe, { minIntervalMs: 250, busyMinIntervalMs, maxIntervalMs: 5000, batchSize: 100, clock });
    const woke: number[] = [];
    ids.forEach((id, k) => {
      void clock.sleep(200 * k).then(() => p.waitFor({ ids: [id], check: allReady, deadline: 600_000, what: "ready" }).then(() => woke.push(clock.now() - (200 * k + 33_000))));
    });
    return { clock, cloud, woke, run: () => clock.runUntil(() => woke.length === 100) };
  }

  it("keeps back-to-back rounds a busy interval apart while waits keep arriving, and still wakes each one promptly", async () => {
    const fast = streaming();
    await fast.run();
    const busy = streaming(1000);
    await busy.run();
    // Without the busy interval every arrival asks for a round within 250 ms: about four rounds a second.
    expect(fast.cloud.calls.length).toBeGreaterThan(100);
    expect(busy.cloud.calls.length).toBeLessThan(fast.cloud.calls.length / 2.5);
    // ...and notices every instance about as soon: within the backoff of its age (33 s / 8, plus jitter).
    expect(Math.max(...busy.woke)).toBeLessThanOrEqual(Math.max(...fast.woke) + 500);
    expect(Math.max(...busy.woke)).toBeLessThanOrEqual(5_000);
  });

  it("brings a far-off round forward for a new wait, so a read during a long create waits at most the busy interval", async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, { old: 999_999, read: 0 });
    const p = new Poller("lighthouse", cloud.describe, { minIntervalMs: 250, busyMinIntervalMs: 1000, maxIntervalMs: 5000, batchSize: 100, clock });
    void p.waitFor({ ids: ["old"], check: allReady, deadline: 9_999_999, what: "ready" });
    await clock.runUntil(() => false, 120_000);
    const startedRead = clock.now();
    let readAt: number | undefined;
    void p.waitFor({ ids: ["read"], check: () => "done", deadline: 9_999_999, what: "a describe" }).then(() => (readAt = clock.now()));
    await clock.runUntil(() => readAt !== undefined);
    expect(readAt! - startedRead).toBeLessThanOrEqual(1000 * 1.2);
  });
});

describe("Poller with a wait that arrives during a describe", () => {
  it("answers it from a round that asked about its ids, never reading its instances as gone", async () => {
    const clock = new FakeClock();
    let release: (() => void) | undefined;
    const asked: string[][] = [];
    // The first describe is slow (it answers when the test says so); every instance exists.
    const describe = async (ids: string[]) => {
      asked.push(ids);
      if (asked.length === 1) await new Promise<void>((r) => (release = r));
      return new Map(ids.map((id) => [id, view(id, "pending")]));
    };
    const p = poller(clock, describe);
    void p.waitFor({ ids: ["old"], check: allReady, deadline: 600_000, what: "ready" });
    await clock.runUntil(() => release !== undefined);
    let seen: Map<string, InstanceView | undefined> | undefined;
    void p.waitFor({ ids: ["new"], check: () => "done", deadline: 600_000, what: "a describe" }).then((v) => (seen = v));
    release!();
    await clock.runUntil(() => seen !== undefined);
    expect(seen!.get("new")?.phase).toBe("pending");
    expect(asked[0]).toEqual(["old"]);
    expect(asked[1]).toEqual(expect.arrayContaining(["old", "new"]));
  });
});

describe("Poller with declared waits", () => {
  /** A fake cloud whose instances leave it at given virtual times, each `deleting` until then. */
  function deletingCloud(clock: FakeClock, goneAt: Record<string, number>) {
    return async (ids: string[]) => {
      const m = new Map<string, InstanceView>();
      for (const id of ids) if (id in goneAt && clock.now() < goneAt[id]) m.set(id, view(id, "deleting"));
      return m;
    };
  }

  async function failure(p: Poller, ids: string[], decl: WaitDeclaration, clock: FakeClock, deadline = 20_000): Promise<CloudError> {
    let err: unknown;
    void p.waitFor(declaredWait("zenlayer", ids, decl, clock.now(), deadline)).catch((e) => (err = e));
    await clock.runUntil(() => err !== undefined);
    expect(err).toBeInstanceOf(CloudError);
    return err as CloudError;
  }

  it("names only the instance still listed when a delete runs out of time, not those already gone", async () => {
    const clock = new FakeClock();
    const p = poller(clock, deletingCloud(clock, { a: 0, b: 3000, stuck: 999_999 }));
    const err = await failure(p, ["a", "b", "stuck"], instancesGone, clock);
    expect(err.code).toBe("Timeout");
    expect(err.instanceIds).toEqual(["stuck"]);
    expect(err.message).toMatch(/instances to be deleted after 2\ds; still waiting on stuck$/);
  });

  it("resolves a declared wait once every id reaches a target state", async () => {
    const clock = new FakeClock();
    const p = poller(clock, deletingCloud(clock, { a: 1000, b: 4000 }));
    let doneAt: number | undefined;
    void p.waitFor(declaredWait("zenlayer", ["a", "b"], instancesGone, 0, 60_000)).then(() => (doneAt = clock.now()));
    await clock.runUntil(() => doneAt !== undefined);
    expect(doneAt).toBeGreaterThanOrEqual(4000);
    expect(doneAt).toBeLessThan(6000);
  });

  it("fails a wait at once when an id is in a state the wait declares neither pending nor target", async () => {
    const clock = new FakeClock();
    const p = poller(clock, fakeCloud(clock, { a: 0, b: 999_999 }).describe);
    const err = await failure(p, ["a", "b"], { what: "instances stopped", pending: ["pending"], target: ["stopped"] }, clock);
    expect(err.code).toBe("UnexpectedState");
    expect(err.instanceIds).toEqual(["a"]);
    expect(err.message).toMatch(/a is ready while waiting for instances stopped/);
    expect(clock.now()).toBeLessThan(1000);
  });

  it("fails with the probe's own error, carrying the cloud's detail", async () => {
    const clock = new FakeClock();
    const p = poller(clock, fakeCloud(clock, { a: 0 }).describe);
    const probe: WaitDeclaration = {
      what: "isolated",
      status: (v) => {
        throw new CloudError({ cloud: "lighthouse", operation: "IsolateInstances", code: "IsolateFailed", message: `${v?.id} could not be isolated` });
      },
      pending: PRESENT,
      target: ["gone"],
    };
    expect((await failure(p, ["a"], probe, clock)).code).toBe("IsolateFailed");
  });

  it("gives up after its poll budget and after its own timeout, whichever comes first", async () => {
    const clock = new FakeClock();
    const p = poller(clock, deletingCloud(clock, { stuck: 999_999 }));
    const byPolls = await failure(p, ["stuck"], { ...instancesGone, polls: 3 }, clock, 600_000);
    expect(byPolls.message).toMatch(/after 3 polls; still waiting on stuck/);
    expect(p.rounds).toBe(3);
    const started = clock.now();
    const byTimeout = await failure(p, ["stuck"], { ...instancesGone, timeoutMs: 10_000 }, clock, 600_000);
    expect(byTimeout.code).toBe("Timeout");
    expect(clock.now() - started).toBeGreaterThanOrEqual(10_000);
    expect(clock.now() - started).toBeLessThan(16_000);
  });
});
