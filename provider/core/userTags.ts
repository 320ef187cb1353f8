import { z } from "zod";
import { FLEET_TAG, OWNER_TAG } from "./fleet";

/**
 * RESERVED_TAG_PREFIX starts every tag key lightfleet writes itself (OWNER_TAG, FLEET_TAG): a user tag with such a key
 * would forge or break the proof of which resource and fleet own an instance.
 */
export const RESERVED_TAG_PREFIX = "lightfleet-";

/**
 * userTagsSchema is the base of every cloud's tag rules: a record of strings that leaves lightfleet's ownership tags
 * alone. Each cloud adds its own limits with `.superRefine`.
 */
export const userTagsSchema = z.record(z.string(), z.string()).superRefine((tags, ctx) => {
  for (const key of Object.keys(tags)) {
    if (key.startsWith(RESERVED_TAG_PREFIX)) {
      ctx.addIssue({ code: "custom", path: [key], message: `tag keys starting with "${RESERVED_TAG_PREFIX}" are reserved for lightfleet's ownership tags (${OWNER_TAG}, ${FLEET_TAG})` });
    }
  }
});
