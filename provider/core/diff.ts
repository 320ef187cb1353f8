import type { CloudDriver, FieldRule } from "./driver";
import { canonicalJson } from "./digest";
import { containsUnknown } from "./check";
import { getPath } from "./paths";

/** Fields core itself governs: where the fleet lives replaces it; the rest never need the cloud to replace. */
const coreRules: Record<string, FieldRule> = {
  cloud: "replace",
  region: "replace",
  // Another account's credentials cannot see the old fleet: it is created there and the old one deleted.
  account: "replace",
  tags: "update",
  timeouts: "update",
  endpoint: "update",
  adopt: "update",
  owner: "update",
  // The generated name itself is in the name fields, which carry its changes.
  autoName: "update",
};

/** FieldChange is one input that differs between the recorded and the desired state, and how it is applied. */
export interface FieldChange {
  field: string;
  rule: FieldRule;
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/**
 * changedFields compares recorded inputs with desired ones field by field. A dotted rule (`instanceSpec.name`)
 * governs that nested field; its parent's rule governs the rest of the parent. A field no rule names replaces,
 * because lightfleet cannot know how the cloud would change it in place. Unknown values count as changed.
 */
export function changedFields(driver: CloudDriver, olds: Record<string, unknown>, news: Record<string, unknown>): FieldChange[] {
  const rules: Record<string, FieldRule> = { ...coreRules, ...driver.fieldRules };
  const changes: FieldChange[] = [];
  for (const field of new Set([...Object.keys(olds), ...Object.keys(news)])) {
    const nested = Object.keys(rules).filter((k) => k.startsWith(`${field}.`));
    let oldRest = olds[field];
    let newRest = news[field];
    for (const key of nested) {
      const path = key.split(".");
      const a = getPath(olds, path);
      const b = getPath(news, path);
      if (containsUnknown(b) || !same(a, b)) changes.push({ field: key, rule: rules[key] });
      oldRest = stripNested(oldRest, path.slice(1));
      newRest = stripNested(newRest, path.slice(1));
    }
    if (containsUnknown(newRest) || !same(oldRest, newRest)) changes.push({ field, rule: rules[field] ?? "replace" });
  }
  return changes;
}

function stripNested(v: unknown, path: string[]): unknown {
  if (!v || typeof v !== "object" || path.length === 0) return v;
  const copy = { ...(v as Record<string, unknown>) };
  if (path.length === 1) delete copy[path[0]];
  else copy[path[0]] = stripNested(copy[path[0]], path.slice(1));
  return copy;
}

/** PropertyDiffKind is how one changed input is applied, in the engine's words for a property-level diff. */
export type PropertyDiffKind = "add" | "add-replace" | "delete" | "delete-replace" | "update" | "update-replace";

/**
 * detailedDiffOf names each changed field with its kind, so that a property-level preview shows which fields update
 * in place and which replace: a field the recorded inputs lacked is added, one the desired inputs drop is deleted.
 */
export function detailedDiffOf(changes: FieldChange[], olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, PropertyDiffKind> {
  const out: Record<string, PropertyDiffKind> = {};
  for (const { field, rule } of changes) {
    const path = field.split(".");
    const verb = getPath(olds, path) === undefined ? "add" : getPath(news, path) === undefined ? "delete" : "update";
    out[field] = rule === "replace" ? `${verb}-replace` : verb;
  }
  return out;
}
