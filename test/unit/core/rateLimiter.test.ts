import { HEADROOM, TokenBucket } from "../../../provider/core/rateLimiter";
import { FakeClock } from "../../support/fakeClock";

async function timeFor(bucket: TokenBucket, clock: FakeClock, n: number): Promise<number> {
  const start = clock.now();
  let done = 0;
  for (let i = 0; i < n; i++) void bucket.take().then(() => done++);
  await clock.runUntil(() => done === n);
  return clock.now() - start;
}

describe("TokenBucket", () => {
  it("spaces calls at the configured rate after the burst", async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(5, 5, clock);
    // 5 at once (burst), then 20 more at 5/s: about 4 s.
    const ms = await timeFor(bucket, clock, 25);
    expect(ms).toBeGreaterThanOrEqual(3900);
    expect(ms).toBeLessThanOrEqual(4300);
  });

  it("halves its rate when throttled and recovers with successes", async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 1, clock);
    bucket.throttled();
    expect(bucket.currentRate).toBe(5);
    bucket.throttled();
    expect(bucket.currentRate).toBe(2.5);
    const slow = await timeFor(bucket, clock, 10);
    expect(slow).toBeGreaterThanOrEqual(3500);
    for (let i = 0; i < 40; i++) bucket.succeeded();
    expect(bucket.currentRate).toBe(10);
    const fast = await timeFor(bucket, clock, 10);
    expect(fast).toBeLessThan(slow / 3);
  });

  it("never drops below a sixteenth of its rate", () => {
    const bucket = new TokenBucket(16, 1, new FakeClock());
    for (let i = 0; i < 20; i++) bucket.throttled();
    expect(bucket.currentRate).toBe(1);
  });

  it("as the provider configures it, never sends more than the published rate in any one-second window", async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(5 * HEADROOM, undefined, clock);
    const sentAt: number[] = [];
    for (let i = 0; i < 100; i++) void bucket.take().then(() => sentAt.push(clock.now()));
    await clock.runUntil(() => sentAt.length === 100);
    // The clouds count calls over any one-second window (localcloud the same way): 5 a second means 5 in any window,
    // with room for each call to arrive up to 10 ms late relative to the one five calls before it.
    const worst = Math.max(...sentAt.map((t) => sentAt.filter((u) => u >= t && u - t < 1000 + 10).length));
    expect(worst).toBeLessThanOrEqual(5);
    // ...and still close to the published rate: 100 CreateInstances calls at 5/s take 20 s, not much more.
    expect(sentAt[99] - sentAt[0]).toBeLessThanOrEqual(21_000);
  });
});
