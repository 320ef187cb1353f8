import type { Clock } from "../../provider/core/clock";

/** FakeClock is virtual time: sleeps resolve only when the test advances the clock past them. */
export class FakeClock implements Clock {
  t = 0;
  private timers: Array<{ at: number; resolve: () => void }> = [];

  constructor(private readonly rnd: () => number = () => 0.5) {}

  now(): number {
    return this.t;
  }

  random(): number {
    return this.rnd();
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.t + Math.max(0, ms), resolve });
    });
  }

  /** runUntil advances time timer by timer until `done()` holds or `limitMs` of virtual time passed. */
  async runUntil(done: () => boolean, limitMs = 3_600_000): Promise<void> {
    const end = this.t + limitMs;
    for (;;) {
      await settle();
      if (done()) return;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next || next.at > end) return;
      this.t = next.at;
      next.resolve();
    }
  }
}

/** settle lets every pending promise callback run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
