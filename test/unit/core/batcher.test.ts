import { Batcher } from "../../../provider/core/batcher";
import { FakeClock } from "../../support/fakeClock";

/** A fake batch API that records each call and refuses any call holding one of `refused`. */
function fakeApi(refused: string[] = []) {
  const calls: string[][] = [];
  const send = async (ids: string[]) => {
    calls.push(ids);
    const bad = ids.find((id) => refused.includes(id));
    if (bad) throw new Error(`refused ${bad}`);
  };
  return { calls, send };
}

describe("Batcher", () => {
  it("joins the ids of many callers arriving together into calls of at most the batch size", async () => {
    const clock = new FakeClock();
    const api = fakeApi();
    const b = new Batcher(20, 50, clock);
    let done = 0;
    for (let r = 0; r < 100; r++) void b.add([`i-${r}`], api.send).then(() => done++);
    await clock.runUntil(() => done === 100);
    expect(done).toBe(100);
    expect(api.calls.map((c) => c.length)).toEqual([20, 20, 20, 20, 20]);
    expect(new Set(api.calls.flat()).size).toBe(100);
  });

  it("keeps a caller's ids in one call when they fit, and sends a caller larger than the batch size on its own", async () => {
    const clock = new FakeClock();
    const api = fakeApi();
    const b = new Batcher(10, 50, clock);
    let done = 0;
    void b.add(["a1", "a2", "a3", "a4", "a5", "a6"], api.send).then(() => done++);
    void b.add(["b1", "b2", "b3", "b4", "b5", "b6"], api.send).then(() => done++);
    void b.add(["c1", "c2", "c3", "c4"], api.send).then(() => done++);
    void b.add(Array.from({ length: 25 }, (_, i) => `d${i}`), api.send).then(() => done++);
    await clock.runUntil(() => done === 4);
    const lengths = api.calls.map((c) => c.length).sort((x, y) => x - y);
    expect(lengths).toEqual([5, 6, 10, 10, 10]);
    // a and c share a call; b, which did not fit beside a, has one of its own.
    expect(api.calls).toContainEqual(["a1", "a2", "a3", "a4", "a5", "a6", "c1", "c2", "c3", "c4"]);
  });

  it("sends a refused joined call again for each caller, so only the caller with the refused id fails", async () => {
    const clock = new FakeClock();
    const api = fakeApi(["b2"]);
    const b = new Batcher(100, 50, clock);
    const outcome: Record<string, string> = {};
    for (const [name, ids] of Object.entries({ a: ["a1"], b: ["b1", "b2"], c: ["c1"] })) {
      void b.add(ids, api.send).then(
        () => (outcome[name] = "ok"),
        (e: Error) => (outcome[name] = e.message),
      );
    }
    await clock.runUntil(() => Object.keys(outcome).length === 3);
    expect(outcome).toEqual({ a: "ok", b: "refused b2", c: "ok" });
    expect(api.calls[0]).toEqual(["a1", "b1", "b2", "c1"]);
    expect(api.calls.slice(1)).toEqual(expect.arrayContaining([["a1"], ["b1", "b2"], ["c1"]]));
  });

  it("waits no longer than its window for company, and starts a new batch for ids that come later", async () => {
    const clock = new FakeClock();
    const api = fakeApi();
    const b = new Batcher(100, 50, clock);
    const sentAt: number[] = [];
    const send = async (ids: string[]) => {
      sentAt.push(clock.now());
      await api.send(ids);
    };
    let done = 0;
    void b.add(["x"], send).then(() => done++);
    await clock.runUntil(() => sentAt.length === 1);
    void b.add(["y"], send).then(() => done++);
    await clock.runUntil(() => done === 2);
    expect(sentAt).toEqual([50, 100]);
    expect(api.calls).toEqual([["x"], ["y"]]);
  });
});
