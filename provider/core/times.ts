/**
 * isoTime writes an instant (milliseconds since the epoch) as ISO 8601 in UTC to the second, e.g.
 * `2026-12-01T13:47:51Z`: the one form every time output takes, whatever the cloud wrote.
 */
export function isoTime(ms: number): string | undefined {
  return Number.isFinite(ms) ? new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z") : undefined;
}

/**
 * cloudTime reads a time a cloud wrote as text: ISO 8601 with `Z` or an offset, or a zone-less
 * `YYYY-MM-DD HH:mm:ss`, which is read at `offset` (the cloud's own time zone, e.g. `+08:00`). Anything else, or no
 * text, is undefined rather than a guess.
 */
export function cloudTime(text: unknown, offset = "Z"): string | undefined {
  if (typeof text !== "string" || text === "") return undefined;
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(text);
  if (local) return isoTime(Date.parse(`${local[1]}T${local[2]}${offset}`));
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? isoTime(Date.parse(text)) : undefined;
}
