import type { Clock } from "./clock";
import { systemClock } from "./clock";

/**
 * TokenBucket keeps calls to one API under its rate. On a throttling answer it halves its rate; each success
 * wins back a little, up to the configured rate, so a busy fleet settles just under what the cloud allows.
 *
 * The burst defaults to one call: the clouds count "N calls a second" over any one-second window, and a bucket that
 * bursts N calls and then refills at N a second sends up to 2N in the first second, which the cloud throttles.
 */
export class TokenBucket {
  private tokens: number;
  private rate: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly maxRate: number,
    private readonly burst: number = 1,
    private readonly clock: Clock = systemClock,
  ) {
    this.rate = maxRate;
    this.tokens = burst;
    this.last = clock.now();
  }

  /** currentRate is the rate in calls a second the bucket allows right now. */
  get currentRate(): number {
    return this.rate;
  }

  /** take waits until a call may be sent. Callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** throttled slows the bucket down after the cloud said "too many requests". */
  throttled(): void {
    this.rate = Math.max(this.maxRate / 16, this.rate / 2);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** succeeded lets the bucket recover towards its configured rate. */
  succeeded(): void {
    if (this.rate < this.maxRate) this.rate = Math.min(this.maxRate, this.rate + this.maxRate / 20);
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }
}

/**
 * HEADROOM is the share of a published limit the provider uses. The cloud counts calls when they arrive, on its own
 * clock; calls spaced exactly 1/N s apart can arrive closer than that after network jitter, and the N+1st then
 * lands inside the window of the first. 5% leaves 50 ms of slack a second at any rate.
 */
export const HEADROOM = 0.95;

const buckets = new Map<string, TokenBucket>();

/** bucketFor returns the process-wide bucket for one cloud API and account, so every resource shares it. */
export function bucketFor(key: string, ratePerSecond: number): TokenBucket {
  let b = buckets.get(key);
  if (!b) {
    b = new TokenBucket(ratePerSecond * HEADROOM);
    buckets.set(key, b);
  }
  return b;
}
