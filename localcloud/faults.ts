/** FaultKind names what localcloud can inject. */
export type FaultKind = "throttle" | "error5xx" | "reset" | "slow" | "launchFailure" | "partialBatch";

/** FaultRule injects one kind of fault on a cloud's operation, by rate (0..1) or for the next `count` calls. */
export interface FaultRule {
  cloud?: string;
  operation?: string;
  kind: FaultKind;
  rate?: number;
  count?: number;
  /** For `slow`: how long to hold the answer. */
  delayMs?: number;
}

/** FaultBook holds the injected faults and counts what it injected. */
export class FaultBook {
  private rules: FaultRule[] = [];
  readonly injected: Record<string, number> = {};

  constructor(private readonly random: () => number = Math.random) {}

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** take decides whether a fault of this kind hits this call, consuming a counted rule when it does. */
  take(kind: FaultKind, cloud: string, operation: string): FaultRule | undefined {
    for (const r of this.rules) {
      if (r.kind !== kind) continue;
      if (r.cloud && r.cloud !== cloud) continue;
      if (r.operation && r.operation !== operation) continue;
      let hit = false;
      if (r.count !== undefined) {
        if (r.count > 0) {
          r.count--;
          hit = true;
        }
      } else if (r.rate !== undefined) hit = this.random() < r.rate;
      if (hit) {
        const key = `${cloud}.${kind}`;
        this.injected[key] = (this.injected[key] ?? 0) + 1;
        return r;
      }
    }
    return undefined;
  }
}
