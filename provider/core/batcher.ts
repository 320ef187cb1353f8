import type { Clock } from "./clock";

/** Send makes one API call for a batch of ids. */
export type Send = (ids: string[]) => Promise<void>;

interface Pending {
  ids: string[];
  send: Send;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Batcher joins the ids that several resources hand to the same batch API (IsolateInstances, TerminateInstances,
 * ReleaseInstances) within a short window into as few calls as the API's batch size allows: a destroy of a hundred
 * one-instance resources then costs a handful of calls instead of a hundred. A joined call that fails is sent again
 * for each resource on its own, so every resource gets its own answer and one resource's refused instance never fails
 * another's delete.
 */
export class Batcher {
  private queue: Pending[] = [];
  private flushing = false;
  /** calls counts the API calls made, for tests. */
  calls = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** add sends `ids` in a call shared with the ids other callers add meanwhile; it settles when they were sent. */
  add(ids: string[], send: Send): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ ids, send, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    await this.clock.sleep(this.windowMs);
    const pending = this.queue;
    this.queue = [];
    this.flushing = false;
    await Promise.all(this.pack(pending).map((group) => this.sendGroup(group)));
  }

  /** pack fills calls of at most `max` ids in arrival order; a caller with more ids than that is sent on its own. */
  private pack(pending: Pending[]): Pending[][] {
    const groups: Array<{ size: number; members: Pending[] }> = [];
    for (const p of pending) {
      const fit = p.ids.length <= this.max ? groups.find((g) => g.size + p.ids.length <= this.max) : undefined;
      if (fit) {
        fit.size += p.ids.length;
        fit.members.push(p);
      } else groups.push({ size: p.ids.length, members: [p] });
    }
    return groups.map((g) => g.members);
  }

  private async sendGroup(group: Pending[]): Promise<void> {
    if (group.length === 1) return this.sendOwn(group[0]);
    try {
      this.calls++;
      await group[0].send(group.flatMap((p) => p.ids));
      for (const p of group) p.resolve();
    } catch {
      await Promise.all(group.map((p) => this.sendOwn(p)));
    }
  }

  private async sendOwn(p: Pending): Promise<void> {
    try {
      for (let i = 0; i < p.ids.length; i += this.max) {
        this.calls++;
        await p.send(p.ids.slice(i, i + this.max));
      }
      p.resolve();
    } catch (err) {
      p.reject(err);
    }
  }
}

const batchers = new Map<string, Batcher>();

/** BATCH_WINDOW_MS is how long a batch waits for more ids: resources woken by one poller round arrive together. */
export const BATCH_WINDOW_MS = 50;

/** batcherFor returns the process-wide batcher for one API of one account, creating it once. */
export function batcherFor(key: string, max: number, clock: Clock): Batcher {
  let b = batchers.get(key);
  if (!b) {
    b = new Batcher(max, BATCH_WINDOW_MS, clock);
    batchers.set(key, b);
  }
  return b;
}

/** chunks cuts a list into consecutive slices of at most `size` items, for APIs that take that many ids a call. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
