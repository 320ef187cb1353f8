import { globalRegistry, type ZodType } from "zod";
import type { CheckFailure } from "./check";
import type { CloudName } from "./types";

/**
 * Variant is one cloud's schema of a resource kind. `desiredCount`, on Instance drivers, names the input that sets a
 * fleet's size.
 */
export interface Variant {
  cloud: CloudName;
  schema: ZodType<unknown>;
  desiredCount?: (args: never) => number;
}

/** UnknownKeysIssue is zod's report of keys a strict object does not declare, at the path of that object. */
export interface UnknownKeysIssue {
  path: PropertyKey[];
  keys: string[];
}

/** The parts of a zod definition the walk below reads. */
interface Def {
  type: string;
  shape?: Record<string, ZodType>;
  innerType?: ZodType;
  in?: ZodType;
  element?: ZodType;
  valueType?: ZodType;
  getter?: () => ZodType;
}

const defOf = (schema: ZodType): Def => schema._zod.def as unknown as Def;

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch"]);

/** unwrap looks through optional, default, pipe and lazy wrappers to the schema that judges the value. */
function unwrap(schema: ZodType): ZodType {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (WRAPPERS.has(def.type)) s = def.innerType!;
    else if (def.type === "pipe") s = def.in!;
    else if (def.type === "lazy") s = def.getter!();
    else return s;
  }
}

/** fieldsAt lists the fields of the object the schema declares at `path` (array indexes and record keys included). */
function fieldsAt(schema: ZodType, path: PropertyKey[]): string[] {
  let s: ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    const def = defOf(s);
    if (def.type === "object") s = def.shape![String(segment)];
    else if (def.type === "array") s = def.element;
    else if (def.type === "record") s = def.valueType;
    else s = undefined;
    if (!s) return [];
    s = unwrap(s);
  }
  const def = defOf(s);
  return def.type === "object" ? Object.keys(def.shape!) : [];
}

/** fieldPaths lists the path of every field of the schema reached through objects alone. */
function fieldPaths(schema: ZodType, prefix: string[] = []): string[][] {
  const def = defOf(unwrap(schema));
  if (def.type !== "object") return [];
  return Object.entries(def.shape!).flatMap(([key, field]) => [[...prefix, key], ...fieldPaths(field, [...prefix, key])]);
}

/** labelOf is the cloud's name as users know it, which its region rule carries. */
function labelOf(variant: Variant): string {
  const region = defOf(unwrap(variant.schema)).shape?.region;
  const label = region && globalRegistry.get(region)?.cloudLabel;
  return typeof label === "string" ? label : variant.cloud;
}

/**
 * sizeFieldOf names the input a fleet's size is read from, found by watching which input the driver's own
 * `desiredCount` reads, so that no second list says it.
 */
function sizeFieldOf(variant: Variant): string | undefined {
  if (!variant.desiredCount) return undefined;
  const read: string[] = [];
  const probe = new Proxy({}, { get: (_target, key) => (read.push(String(key)), []) });
  variant.desiredCount(probe as never);
  return read.length === 1 ? read[0] : undefined;
}

/** distance is the Levenshtein distance between two names, ignoring case. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) next.push(Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[y.length];
}

/**
 * closeness says how plausibly `known` is what `key` meant: `strong` for the same name but for case or one slipped
 * letter, `weak` for two slips or a prefix (`keyPair` for `keyPairName`), otherwise undefined.
 */
function closeness(key: string, known: string): "strong" | "weak" | undefined {
  const d = distance(key, known);
  const [k, n] = [key.toLowerCase(), known.toLowerCase()];
  const shorter = Math.min(k.length, n.length);
  if (d <= 1 && d < shorter / 2) return "strong";
  if ((d === 2 && d < shorter / 2) || (shorter >= 4 && (n.startsWith(k) || k.startsWith(n)))) return "weak";
  return undefined;
}

/** Suggestion is the field of the cloud a key was likely meant to be, by its path from the top. */
interface Suggestion {
  field: string;
  strong: boolean;
}

/**
 * suggestionFor is the field of the same cloud `key` most likely meant: a close name beside it, else a field of the
 * same name elsewhere (a JD Cloud `imageId` belongs in `instanceSpec`).
 */
function suggestionFor(own: Variant, path: PropertyKey[], key: string): Suggestion | undefined {
  const beside = fieldsAt(own.schema, path)
    .map((field) => ({ field, closeness: closeness(key, field) }))
    .filter((c) => c.closeness !== undefined);
  if (beside.length > 0) {
    const best = beside.reduce((a, b) => (distance(key, b.field) < distance(key, a.field) ? b : a));
    return { field: best.field, strong: best.closeness === "strong" };
  }
  const here = path.map(String).join(".");
  const elsewhere = fieldPaths(own.schema).find((p) => p[p.length - 1].toLowerCase() === key.toLowerCase() && p.slice(0, -1).join(".") !== here);
  return elsewhere && { field: elsewhere.join("."), strong: true };
}

/**
 * foreignReason says which other clouds take `key` at the same place and, for another cloud's fleet size, the input
 * that sets it here; undefined when no other cloud takes it.
 */
function foreignReason(own: Variant, others: Variant[], path: PropertyKey[], key: string): string | undefined {
  const named = (f: string) => f.toLowerCase() === key.toLowerCase();
  // A case slip of a field the cloud has too (`Create` in timeouts) is a slip, not another cloud's field.
  if (fieldsAt(own.schema, path).some(named)) return undefined;
  const owners = others.flatMap((v) => fieldsAt(v.schema, path).filter(named).map((field) => ({ variant: v, field })));
  if (owners.length === 0) return undefined;
  const reason = `is a ${owners.map((o) => labelOf(o.variant)).join("/")} field, not a ${labelOf(own)} input`;
  const ownSize = path.length === 0 ? sizeFieldOf(own) : undefined;
  const isSize = owners.some((o) => sizeFieldOf(o.variant) === o.field);
  return ownSize && isSize ? `${reason}; a ${labelOf(own)} fleet's size is set by ${ownSize}` : reason;
}

/**
 * unknownKeyFailures reports each key a strict object of the cloud's schema refuses, by its full path: which other
 * clouds take it, and the field it was likely meant to be (only a near-certain one next to another cloud's field). A
 * misspelt key may hold a secret (`pasword`), and the engine prints the value of a failing top-level property, so a
 * top-level key is named in the reason instead of as the property.
 */
export function unknownKeyFailures(issue: UnknownKeysIssue, cloud: CloudName, variants: readonly Variant[]): CheckFailure[] {
  const own = variants.find((v) => v.cloud === cloud)!;
  const others = variants.filter((v) => v.cloud !== cloud);
  return issue.keys.map((key) => {
    const foreign = foreignReason(own, others, issue.path, key);
    const suggestion = suggestionFor(own, issue.path, key);
    const hint = suggestion && (suggestion.strong || !foreign) ? `; did you mean \`${suggestion.field}\`?` : "";
    const reason = `${foreign ?? `is not a ${labelOf(own)} input`}${hint}`;
    const property = [...issue.path, key].map(String).join(".");
    return issue.path.length === 0 ? { property: "", reason: `${property} ${reason}` } : { property, reason };
  });
}
