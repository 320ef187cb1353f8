import type { z } from "zod";
import { shortDigest } from "./digest";

/**
 * The engine sends `diff`, `create` and `update` the inputs `check` has just returned, so check hands its parse of
 * them over rather than each parsing them again: a schema parse is the largest cost lightfleet adds to each resource
 * of a preview. Each parse is taken once; a preview's check of a new resource (no diff, no create follows) leaves one
 * behind, so at most MAX_KEPT stay. They are keyed by a digest of the inputs rather than their text: creates can
 * wait minutes for their turn, and each one's text would be kept that long.
 */
const MAX_KEPT = 1000;

const kept = new Map<string, unknown>();

/** keepParsed keeps the parse of inputs that check validated. */
export function keepParsed(inputs: Record<string, unknown>, parsed: unknown): void {
  if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(shortDigest(inputs), parsed);
}

/** parsedInputs is check's parse of these inputs when it kept one, else the schema's parse of them. */
export function parsedInputs(schema: z.ZodType, inputs: Record<string, unknown>): { success: true; data: unknown } | { success: false } {
  const key = shortDigest(inputs);
  if (kept.has(key)) {
    const data = kept.get(key);
    kept.delete(key);
    return { success: true, data };
  }
  return schema.safeParse(inputs);
}
