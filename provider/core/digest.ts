import { createHash } from "crypto";

/**
 * canonicalJson renders a value with sorted object keys, so equal values always give equal text. It runs several times
 * a resource (the kept parse's key, fingerprints, tokens), so it appends to one string rather than building arrays of
 * entries at every level.
 */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) {
    let out = "[";
    for (let i = 0; i < v.length; i++) out += (i > 0 ? "," : "") + canonicalJson(v[i]);
    return out + "]";
  }
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    let out = "{";
    for (const k of Object.keys(o).sort()) {
      if (o[k] === undefined) continue;
      out += (out.length > 1 ? "," : "") + JSON.stringify(k) + ":" + canonicalJson(o[k]);
    }
    return out + "}";
  }
  return JSON.stringify(v ?? null);
}

/** shortDigest is a stable 16-hex-digit digest of its parts, for tokens and fleet fingerprints. */
export function shortDigest(...parts: unknown[]): string {
  return createHash("sha256").update(canonicalJson(parts)).digest("hex").slice(0, 16);
}
