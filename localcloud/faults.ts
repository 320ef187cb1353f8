/** FAULT_KINDS are what localcloud can inject. */
export const FAULT_KINDS = ["throttle", "error5xx", "reset", "slow", "launchFailure", "partialBatch"] as const;

/** FaultKind names what localcloud can inject. */
export type FaultKind = (typeof FAULT_KINDS)[number];

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

/** FaultRuleError says what is wrong with a fault rule sent to the admin API. */
export class FaultRuleError extends Error {}

/** ruleProblem names what is wrong with one rule, or undefined when it is a valid FaultRule. */
function ruleProblem(r: unknown): string | undefined {
  if (!r || typeof r !== "object" || Array.isArray(r)) return "must be an object such as {\"kind\":\"throttle\",\"count\":1}";
  const rule = r as Record<string, unknown>;
  const unknownKey = Object.keys(rule).find((k) => !["cloud", "operation", "kind", "rate", "count", "delayMs"].includes(k));
  if (unknownKey) return `has an unknown field ${JSON.stringify(unknownKey)} (fields: cloud, operation, kind, rate, count, delayMs)`;
  if (!FAULT_KINDS.includes(rule.kind as FaultKind)) return `kind must be one of ${FAULT_KINDS.join(", ")} (got ${JSON.stringify(rule.kind)})`;
  for (const k of ["cloud", "operation"]) if (rule[k] !== undefined && typeof rule[k] !== "string") return `${k} must be a string`;
  if (rule.rate !== undefined && !(typeof rule.rate === "number" && rule.rate >= 0 && rule.rate <= 1)) return "rate must be a number from 0 to 1";
  if (rule.count !== undefined && !(Number.isInteger(rule.count) && (rule.count as number) >= 0)) return "count must be a whole number, 0 or more";
  if (rule.delayMs !== undefined && !(typeof rule.delayMs === "number" && rule.delayMs >= 0 && Number.isFinite(rule.delayMs))) return "delayMs must be a number of milliseconds, 0 or more";
  return undefined;
}

/** parseFaultRules reads the body of `POST /_localcloud/faults`: one rule or `{faults: [rules]}`. */
export function parseFaultRules(body: string): FaultRule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body || "{}");
  } catch (err) {
    throw new FaultRuleError(`the body must be JSON: ${(err as Error).message}`);
  }
  const isList = parsed !== null && typeof parsed === "object" && "faults" in parsed;
  const rules = isList ? (parsed as { faults: unknown }).faults : [parsed];
  if (!Array.isArray(rules)) throw new FaultRuleError("faults must be a list of rules");
  rules.forEach((r, i) => {
    const problem = ruleProblem(r);
    if (problem) throw new FaultRuleError(isList ? `faults[${i}] ${problem}` : `the rule ${problem}`);
  });
  return rules as FaultRule[];
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
