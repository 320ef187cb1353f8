import { randomInt } from "crypto";

/*
 * Auto-naming: a fleet whose inputs name no instance gets `<logical name>-<7 random characters>`, the way Pulumi
 * names resources. The name is generated once, at the first check, and recorded with the inputs (`autoName`), so that
 * every later check, an aliased rename or a moved stack keeps it; an explicit name always wins.
 */

/** SUFFIX_LENGTH is how many random characters follow the logical name. */
export const SUFFIX_LENGTH = 7;
const SUFFIX_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

/** AutoNaming is how one cloud names a fleet whose inputs name none. */
export interface AutoNaming {
  /** The longest generated name, within the cloud's rule (less room for what the cloud appends per instance). */
  maxLength: number;
  /** One character the cloud's name rule allows; every other character of the logical name becomes `-`. */
  allowed: RegExp;
  /** Whether the inputs give a name (or an Output that will become one): generation never overrides it. */
  named(inputs: Record<string, unknown>): boolean;
  /** The inputs with `base` as the name of every instance. */
  fill(inputs: Record<string, unknown>, base: string): Record<string, unknown>;
}

/** randomSuffix is SUFFIX_LENGTH random lower-case letters and digits, which every cloud's name rule allows. */
export function randomSuffix(): string {
  return Array.from({ length: SUFFIX_LENGTH }, () => SUFFIX_CHARS[randomInt(SUFFIX_CHARS.length)]).join("");
}

/**
 * logicalNameOf is the resource's name in the program, the last part of the SDK's `project/stack/name` owner (after
 * the `~digest/` of its parent, when it has one).
 */
export function logicalNameOf(owner: unknown): string {
  return typeof owner === "string" ? owner.split("/").slice(2).join("/").replace(/^~[0-9a-f]{8}\//, "") : "";
}

/**
 * generatedName is `<logical name>-<suffix>` within a cloud's rule: the logical name loses the characters the cloud
 * refuses and, when too long, its end; the suffix is never cut. Names start with a letter, digit or underscore on
 * every cloud that restricts how they start.
 */
export function generatedName(logical: string, suffix: string, naming: Pick<AutoNaming, "maxLength" | "allowed">): string {
  const cleaned = [...logical].map((c) => (naming.allowed.test(c) ? c : "-")).join("").replace(/^[-.]+/, "");
  const room = naming.maxLength - suffix.length - 1;
  const head = [...cleaned].slice(0, room).join("").replace(/[-.]+$/, "");
  return `${head || "fleet"}-${suffix}`;
}

/**
 * withAutoName fills the name of a fleet whose inputs give none: the name recorded by the last check (`olds`), or a
 * new one. A fleet created before auto-naming that relied on its cloud's default name keeps that default.
 */
export function withAutoName(naming: AutoNaming, olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, unknown> {
  const given = { ...news };
  delete given.autoName;
  if (naming.named(given)) return given;
  const recorded = typeof olds.autoName === "string" && olds.autoName ? olds.autoName : undefined;
  if (!recorded && olds.cloud !== undefined && !naming.named(olds)) return given;
  const base = recorded ?? generatedName(logicalNameOf(given.owner), randomSuffix(), naming);
  return { ...naming.fill(given, base), autoName: base };
}

/**
 * withRecordedOwner keeps the owner recorded at create: the owner tags on the cloud and the idempotency seed stay
 * what they were when the resource is renamed with `aliases` or its stack is renamed, so neither is an update.
 */
export function withRecordedOwner(olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, unknown> {
  return typeof olds.owner === "string" && olds.owner ? { ...news, owner: olds.owner } : news;
}

/**
 * generatedFor says whether `base` is a name auto-naming generated for the resource whose owner tag is `ownerTag`:
 * its logical name and a random suffix, within the cloud's rule. A tag value writes the `~` before a parent's digest
 * as `_` (tag values allow no `~`).
 */
export function generatedFor(naming: Pick<AutoNaming, "maxLength" | "allowed">, ownerTag: string | undefined, base: string): boolean {
  if (!ownerTag) return false;
  const suffix = base.slice(-SUFFIX_LENGTH);
  if (!new RegExp(`^[${SUFFIX_CHARS}]{${SUFFIX_LENGTH}}$`).test(suffix)) return false;
  const owner = ownerTag.replace(/^([^/]*\/[^/]*\/)_(?=[0-9a-f]{8}\/)/, "$1~");
  return generatedName(logicalNameOf(owner), suffix, naming) === base;
}
