import type { ZodError, ZodType } from "zod";
import { CLOUDS, type CloudName } from "./types";
import { getPath } from "./paths";

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

/** issuesToFailures turns zod issues into engine check failures, dropping those caused by preview unknowns. */
export function issuesToFailures(issues: ZodError["issues"], inputs: Record<string, unknown>): CheckFailure[] {
  const out: CheckFailure[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    // A rule on a value that is not known yet cannot be judged; the engine checks again once it is known.
    if (containsUnknown(getPath(inputs, path)) || (path.length > 0 && containsUnknown(getPath(inputs, path.slice(0, -1))))) continue;
    out.push({ property: path.join("."), reason: issue.message });
  }
  return out;
}

/** requiredMessage says "is required" for a missing value instead of zod's type-mismatch wording. */
function requiredMessage(issue: { code?: string; input?: unknown }): string | undefined {
  return issue.code === "invalid_type" && issue.input === undefined ? "is required" : undefined;
}

/** validate runs every rule of the cloud's schema and reports all failures at once. */
export function validate(driver: { schema: ZodType<unknown> }, inputs: Record<string, unknown>): CheckFailure[] {
  const parsed = driver.schema.safeParse(inputs, { error: requiredMessage });
  return parsed.success ? [] : issuesToFailures(parsed.error.issues, inputs);
}

/** unknownCloudFailure explains which clouds `cloud` may name. */
export function unknownCloudFailure(inputs: Record<string, unknown>): CheckFailure {
  return { property: "cloud", reason: `must be one of ${CLOUDS.join(", ")} (got ${JSON.stringify(inputs.cloud)})` };
}
