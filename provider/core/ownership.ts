import { z } from "zod";
import type { CloudDriver } from "./driver";
import type { CommonArgs } from "./commonSchema";
import { shortDigest } from "./digest";
import { pickPathsWithout } from "./paths";

/*
 * Ownership: the tags lightfleet writes on what it creates, which prove which resource and which fleet an instance
 * belongs to, and the rules that keep users' own tags from forging them or crowding them out.
 */

/** OWNER_TAG and FLEET_TAG mark every instance lightfleet creates: which resource owns it, and which fleet. */
export const OWNER_TAG = "lightfleet-owner";
export const FLEET_TAG = "lightfleet-fleet";

/**
 * RESERVED_TAG_PREFIX starts every tag key lightfleet writes itself (OWNER_TAG, FLEET_TAG): a user tag with such a key
 * would forge or break the proof of which resource and fleet own an instance.
 */
export const RESERVED_TAG_PREFIX = "lightfleet-";

/** OWNERSHIP_TAG_COUNT is how many tags of a cloud's per-resource limit the ownership tags take. */
export const OWNERSHIP_TAG_COUNT = [OWNER_TAG, FLEET_TAG].length;

/** isOwnershipTag says whether a tag key is one lightfleet writes itself, which syncing user tags never removes. */
export function isOwnershipTag(key: string): boolean {
  return key.startsWith(RESERVED_TAG_PREFIX);
}

/**
 * userTagsSchema is the base of every cloud's tag rules: a record of strings that leaves lightfleet's ownership tags
 * alone. Each cloud adds its own limits with `.superRefine`.
 */
export const userTagsSchema = z.record(z.string(), z.string()).superRefine((tags, ctx) => {
  for (const key of Object.keys(tags)) {
    if (isOwnershipTag(key)) {
      ctx.addIssue({ code: "custom", path: [key], message: `tag keys starting with "${RESERVED_TAG_PREFIX}" are reserved for lightfleet's ownership tags (${OWNER_TAG}, ${FLEET_TAG})` });
    }
  }
});

/** Each parsed inputs object's fingerprint, under the field rules it was taken with (inputs are never changed in place). */
const fingerprints = new WeakMap<object, { rules: CloudDriver["fieldRules"]; fingerprint: string }>();

/**
 * fingerprintOf digests the inputs whose change replaces the fleet (secrets excluded). A create asks for it several
 * times (its tags, its token, its lifetime), a thousand creates at once in a large stack: each inputs object is
 * digested once.
 */
export function fingerprintOf(driver: CloudDriver, args: CommonArgs): string {
  const known = fingerprints.get(args);
  if (known?.rules === driver.fieldRules) return known.fingerprint;
  const replacing = Object.entries(driver.fieldRules)
    .filter(([, rule]) => rule === "replace")
    .map(([field]) => field.split("."));
  const fingerprint = shortDigest(args.cloud, args.region, pickPathsWithout(args, replacing, driver.secretPaths));
  fingerprints.set(args, { rules: driver.fieldRules, fingerprint });
  return fingerprint;
}

/** ownerTagOf is the value of OWNER_TAG on this resource's instances (no digest: every diff reads it). */
export function ownerTagOf(args: CommonArgs): string {
  // Tag values allow few characters on some clouds (Lightsail: letters, digits, spaces and + - = . _ : / @).
  return (args.owner ?? "unowned").replace(/[^A-Za-z0-9 +\-=._:/@]/g, "_");
}

/** ownerTagsOf are the tags that prove an instance belongs to this resource and fleet. */
export function ownerTagsOf(driver: CloudDriver, args: CommonArgs): Record<string, string> {
  return { [OWNER_TAG]: ownerTagOf(args), [FLEET_TAG]: fingerprintOf(driver, args) };
}

/** commonOwnerTag is the owner tag every one of these instances carries, or undefined when one carries none or they differ. */
export function commonOwnerTag(views: Array<{ tags: Record<string, string> }>): string | undefined {
  const owners = new Set(views.map((v) => v.tags[OWNER_TAG]));
  const [owner] = owners;
  return owners.size === 1 ? owner : undefined;
}

/** commonUserTags are the tags, other than lightfleet's own, that every one of these instances carries alike. */
export function commonUserTags(views: Array<{ tags: Record<string, string> }>): Record<string, string> {
  const [first, ...rest] = views;
  return Object.fromEntries(
    Object.entries(first?.tags ?? {}).filter(([k, v]) => !isOwnershipTag(k) && rest.every((o) => o.tags[k] === v)),
  );
}
