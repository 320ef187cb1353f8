import { CloudError } from "./errors";
import type { Clock } from "./clock";
import { systemClock } from "./clock";
import type { CloudName, InstanceView } from "./types";

/** Watched is anything the poller can wait on: instances, snapshots. */
export interface Watched {
  phase: string;
}

/** Describer looks up resources by id in batches; ids missing from the answer are gone. */
export type Describer<V extends Watched = InstanceView> = (ids: string[]) => Promise<Map<string, V>>;

/** Verdict is a waiter's judgement of the latest views: keep waiting, done, or failed. */
export type Verdict = "wait" | "done";

/**
 * WaitSpec declares one wait: the ids, the target each id must reach, the deadline, the poll budget and how to report
 * progress. A wait gives `reached`, `check` or both; a timeout names the ids that have not reached their target (every
 * id when the wait states no target).
 */
export interface WaitSpec<V extends Watched = InstanceView> {
  ids: string[];
  /** Whether one id (its view undefined when gone) has reached the wait's target. Throw to fail. */
  reached?(view: V | undefined, id: string): boolean;
  /**
   * Called after each describe round with the latest view of every id (undefined = gone). Throw to fail. Without it
   * the wait is done once every id has reached its target.
   */
  check?(views: Map<string, V | undefined>): Verdict;
  /** Epoch milliseconds after which the wait fails with a timeout. */
  deadline: number;
  /** The most describe rounds the wait may take before it fails as a timeout (no bound when absent). */
  polls?: number;
  /** What is being waited for, for progress and timeout messages ("running with a public IP"). */
  what: string;
  onProgress?(views: Map<string, V | undefined>): void;
  /** Cancels the wait: it rejects at once with the signal's reason and its ids leave the next describe rounds. */
  signal?: AbortSignal;
}

/** PollerOptions shape the backoff: the first interval, the longest, and the batch size of the describe call. */
export interface PollerOptions {
  /** The delay of the first round after the poller was idle, and the shortest interval without busyMinIntervalMs. */
  minIntervalMs: number;
  /**
   * The shortest interval between back-to-back rounds, also the longest a new wait waits for its first describe
   * while the poller is busy. Without it, waits that keep arriving (a fleet created at 5 calls a second) would each
   * ask for the fast first interval and hold the poller at it for as long as they arrive.
   */
  busyMinIntervalMs?: number;
  maxIntervalMs: number;
  batchSize: number;
  clock: Clock;
}

interface Waiter<V extends Watched> {
  spec: WaitSpec<V>;
  started: number;
  /** Describe rounds that answered this wait so far. */
  polled: number;
  resolve(views: Map<string, V | undefined>): void;
  reject(err: unknown): void;
  /** Stops listening to the wait's abort signal once the wait is settled. */
  detach(): void;
}

/** abortReason is what a cancelled wait rejects with: the signal's reason, or an AbortError when it gave none. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("the wait was cancelled", "AbortError");
}

/**
 * Poller is the one describe loop for a cloud, region and account. Every resource that waits registers here; each
 * round describes every id being waited on in as few calls as the batch size allows, then wakes the waiters whose
 * condition holds. The interval starts short and grows with the age of the youngest waiter, with jitter; a wait that
 * arrives while the next round is far off brings that round forward to within busyMinIntervalMs.
 */
export class Poller<V extends Watched = InstanceView> {
  private readonly waiters = new Set<Waiter<V>>();
  private running = false;
  /** When the loop's next round is planned (epoch ms), and how to wake the loop to plan it again. */
  private nextRoundAt = 0;
  private wake?: () => void;
  /** rounds and describeCalls count work done, for tests and benchmarks. */
  rounds = 0;
  describeCalls = 0;

  constructor(
    readonly cloud: CloudName,
    private readonly describe: Describer<V>,
    private readonly opts: PollerOptions,
  ) {}

  /** waitFor resolves with the final views once the wait is done; rejects on failure, at its deadline or poll budget. */
  waitFor(spec: WaitSpec<V>): Promise<Map<string, V | undefined>> {
    return new Promise((resolve, reject) => {
      const { signal } = spec;
      if (signal?.aborted) return reject(abortReason(signal));
      const onAbort = () => this.settle(waiter, () => reject(abortReason(signal!)));
      const waiter: Waiter<V> = {
        spec,
        started: this.opts.clock.now(),
        polled: 0,
        resolve,
        reject,
        detach: () => signal?.removeEventListener("abort", onAbort),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.add(waiter);
      if (!this.running) void this.loop();
      else if (this.nextRoundAt - this.opts.clock.now() > this.busyFloor()) this.wake?.();
    });
  }

  private busyFloor(): number {
    return this.opts.busyMinIntervalMs ?? this.opts.minIntervalMs;
  }

  /**
   * nextDelay is short for young waits and grows to maxIntervalMs for old ones, jittered by +-20%. The first round
   * after an idle spell comes after minIntervalMs (a refresh's reads all arrive then); later rounds keep at least
   * busyMinIntervalMs apart.
   */
  nextDelay(first = false): number {
    const now = this.opts.clock.now();
    let youngest = Infinity;
    for (const w of this.waiters) youngest = Math.min(youngest, now - w.started);
    const floor = first ? this.opts.minIntervalMs : this.busyFloor();
    const base = Math.min(this.opts.maxIntervalMs, Math.max(floor, youngest / 8));
    return Math.round(base * (0.8 + 0.4 * this.opts.clock.random()));
  }

  private async loop(): Promise<void> {
    this.running = true;
    let first = true;
    try {
      while (this.waiters.size > 0) {
        const delay = this.nextDelay(first);
        this.nextRoundAt = this.opts.clock.now() + delay;
        const woken = await Promise.race([
          this.opts.clock.sleep(delay).then(() => false),
          new Promise<boolean>((resolve) => (this.wake = () => resolve(true))),
        ]);
        this.wake = undefined;
        // A new wait arrived while the round was far off: plan again, with it counted.
        if (woken) continue;
        first = false;
        // Every wait may have been cancelled during the sleep.
        if (this.waiters.size > 0) await this.round();
      }
    } finally {
      this.running = false;
    }
  }

  private async round(): Promise<void> {
    this.rounds++;
    // Only the waits present now are answered by this round: one that arrives while its describe is in flight was
    // not asked about, and would otherwise read its instances as gone.
    const asked = [...this.waiters];
    const ids = [...new Set(asked.flatMap((w) => w.spec.ids))];
    const views = new Map<string, V>();
    try {
      for (let i = 0; i < ids.length; i += this.opts.batchSize) {
        this.describeCalls++;
        for (const [id, v] of await this.describe(ids.slice(i, i + this.opts.batchSize))) views.set(id, v);
      }
    } catch (err) {
      // A describe that failed after its own retries fails every current waiter: they cannot learn their state.
      for (const w of asked) this.settle(w, () => w.reject(err));
      return;
    }
    const now = this.opts.clock.now();
    for (const w of asked) {
      if (!this.waiters.has(w)) continue;
      const mine = new Map<string, V | undefined>(w.spec.ids.map((id) => [id, views.get(id)]));
      w.polled++;
      try {
        w.spec.onProgress?.(mine);
        const { reached, check } = w.spec;
        // Every id is judged each round, so the ids that missed the target are known when the wait runs out.
        const missed = reached ? w.spec.ids.filter((id) => !reached(mine.get(id), id)) : w.spec.ids;
        const verdict = check ? check(mine) : missed.length === 0 ? "done" : "wait";
        if (verdict === "done") this.settle(w, () => w.resolve(mine));
        else if (now >= w.spec.deadline || (w.spec.polls !== undefined && w.polled >= w.spec.polls)) {
          const after = now >= w.spec.deadline ? `${Math.round((now - w.started) / 1000)}s` : `${w.polled} polls`;
          this.settle(w, () =>
            w.reject(
              new CloudError({
                cloud: this.cloud,
                operation: "wait",
                code: "Timeout",
                message: `gave up waiting for ${w.spec.what} after ${after}; still waiting on ${missed.join(", ")}`,
                instanceIds: missed,
              }),
            ),
          );
        }
      } catch (err) {
        this.settle(w, () => w.reject(err));
      }
    }
  }

  /** settle ends a wait once: a waiter already settled (e.g. cancelled during a describe round) is left alone. */
  private settle(w: Waiter<V>, fn: () => void): void {
    if (!this.waiters.delete(w)) return;
    w.detach();
    fn();
  }
}

const pollers = new Map<string, Poller<Watched>>();

/** defaultPollerOptions polls 250 ms after an idle spell, then every 1 s to 5 s, 100 ids a call. */
export const defaultPollerOptions: PollerOptions = {
  minIntervalMs: 250,
  busyMinIntervalMs: 1_000,
  maxIntervalMs: 5_000,
  batchSize: 100,
  clock: systemClock,
};

/** pollerFor returns the process-wide poller for a key (cloud, region, endpoint, account), creating it once. */
export function pollerFor<V extends Watched>(key: string, cloud: CloudName, describe: Describer<V>, opts: Partial<PollerOptions> = {}): Poller<V> {
  let p = pollers.get(key) as Poller<V> | undefined;
  if (!p) {
    p = new Poller<V>(cloud, describe, { ...defaultPollerOptions, ...opts });
    pollers.set(key, p as unknown as Poller<Watched>);
  }
  return p;
}
