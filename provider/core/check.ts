import type { ZodError } from "zod";
import { CLOUDS, type CloudName } from "./types";
import { getPath } from "./paths";
import { unknownKeyFailures, type Variant } from "./unknownKeys";

/** UNKNOWN is the value the engine sends during preview for inputs not known yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** CheckFailure names the input property at fault and the rule it breaks. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** containsUnknown tells whether a value is, or holds, a preview unknown. */
export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/** cloudOf returns the cloud an input names, or undefined when it names none we support. */
export function cloudOf(inputs: Record<string, unknown>): CloudName | undefined {
  return CLOUDS.find((c) => c === inputs.cloud);
}

/**
 * waitsOnUnknown tells whether an issue may only come from a value not known yet: the value the rule judged holds a
 * preview unknown (a cross-field rule judges the whole object), or the value sits under a parent that is unknown.
 * Every other issue is reported, however many unknowns the other inputs hold.
 */
function waitsOnUnknown(issue: ZodError["issues"][number], inputs: Record<string, unknown>): boolean {
  const path = issue.path.map(String);
  if (containsUnknown((issue as { input?: unknown }).input) || containsUnknown(getPath(inputs, path))) return true;
  for (let i = 1; i < path.length; i++) if (getPath(inputs, path.slice(0, i)) === UNKNOWN) return true;
  return false;
}

/** issuesToFailures turns zod issues into engine check failures, dropping those caused by preview unknowns. */
export function issuesToFailures(issues: ZodError["issues"], inputs: Record<string, unknown>): CheckFailure[] {
  // A rule on a value that is not known yet cannot be judged; the engine checks again once it is known.
  return issues.filter((issue) => !waitsOnUnknown(issue, inputs)).map((issue) => ({ property: issue.path.map(String).join("."), reason: issue.message }));
}

/** requiredMessage says "is required" for a missing value instead of zod's type-mismatch wording. */
function requiredMessage(issue: { code?: string; input?: unknown }): string | undefined {
  return issue.code === "invalid_type" && issue.input === undefined ? "is required" : undefined;
}

/**
 * validate runs every rule of the cloud's schema and reports all failures at once, or, with none, the parsed inputs
 * (defaults applied), so that a caller needing them does not parse twice. `variants` are every cloud's schema of the
 * same resource kind, which word the failure of a key the cloud does not take.
 */
export function validate(driver: Variant, inputs: Record<string, unknown>, variants: readonly Variant[]): { failures: CheckFailure[]; parsed?: unknown } {
  // reportInput keeps each issue's judged value, which tells whether the rule judged an unknown; it never leaves here.
  const parsed = driver.schema.safeParse(inputs, { error: requiredMessage, reportInput: true });
  if (parsed.success) return { failures: [], parsed: parsed.data };
  // A key the cloud does not take is wrong whatever its value, known or not.
  const unknownKeys = parsed.error.issues.flatMap((issue) => (issue.code === "unrecognized_keys" ? unknownKeyFailures(issue, driver.cloud, variants) : []));
  return { failures: [...unknownKeys, ...issuesToFailures(parsed.error.issues.filter((issue) => issue.code !== "unrecognized_keys"), inputs)] };
}

/** unknownCloudFailure explains which clouds `cloud` may name. */
export function unknownCloudFailure(inputs: Record<string, unknown>): CheckFailure {
  return { property: "cloud", reason: `must be one of ${CLOUDS.join(", ")} (got ${JSON.stringify(inputs.cloud)})` };
}

/** SECRET_MASK replaces a secret value a failure's reason would quote. */
const SECRET_MASK = "[secret]";

/**
 * withoutSecretValues words failures so that no secret input's value is shown with them. The engine prints the value
 * of a failing top-level property next to its failure, secret or not, so a failure of a secret input names its
 * property at the start of the reason instead; and no reason may quote a secret value.
 */
export function withoutSecretValues(failures: CheckFailure[], inputs: Record<string, unknown>, secretPaths: string[][]): CheckFailure[] {
  const heads = new Set(secretPaths.map(([head]) => head));
  const secrets = secretPaths.map((p) => getPath(inputs, p)).filter((v): v is string => typeof v === "string" && v !== "" && v !== UNKNOWN);
  return failures.map((f) => {
    const reason = secrets.reduce((r, secret) => r.split(secret).join(SECRET_MASK), f.reason);
    return heads.has(f.property) ? { property: "", reason: `${f.property} ${reason}` } : { ...f, reason };
  });
}

/** unknownCloud tells whether `cloud` is an Output not known yet: no variant can be judged until it is. */
export function unknownCloud(inputs: Record<string, unknown>): boolean {
  return inputs.cloud === UNKNOWN;
}
