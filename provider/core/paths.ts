/** getPath reads a nested value, or undefined when any step is missing. */
export function getPath(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** setPath sets a nested value, creating the objects on the way; undefined removes it (and creates nothing). */
export function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  const last = path[path.length - 1];
  if (value === undefined) {
    const parent = getPath(obj, path.slice(0, -1));
    if (parent && typeof parent === "object") delete (parent as Record<string, unknown>)[last];
    return;
  }
  let cur = obj;
  for (const p of path.slice(0, -1)) {
    if (!cur[p] || typeof cur[p] !== "object") cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[last] = value;
}

/** withoutPaths returns a deep copy of obj with the given nested paths removed. */
export function withoutPaths<T>(obj: T, paths: string[][]): T {
  const copy = JSON.parse(JSON.stringify(obj ?? {})) as Record<string, unknown>;
  for (const path of paths) {
    let cur: unknown = copy;
    for (const p of path.slice(0, -1)) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[p] : undefined;
    if (cur && typeof cur === "object") delete (cur as Record<string, unknown>)[path[path.length - 1]];
  }
  return copy as T;
}

/** pickPaths collects the values at the given paths, keyed by the dotted path, skipping absent ones. */
export function pickPaths(obj: unknown, paths: string[][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const v = getPath(obj, path);
    if (v !== undefined) out[path.join(".")] = v;
  }
  return out;
}

/** startsWith says whether `path` begins with every step of `prefix`. */
function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/**
 * pickPathsWithout is pickPaths of obj with the `without` paths removed first, but copies only the picked values that
 * hold a removed path, never the whole object (fleet fingerprints are taken several times a create).
 */
export function pickPathsWithout(obj: unknown, paths: string[][], without: string[][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    if (without.some((w) => startsWith(path, w))) continue;
    const v = getPath(obj, path);
    if (v === undefined) continue;
    const inside = without.filter((w) => w.length > path.length && startsWith(w, path)).map((w) => w.slice(path.length));
    out[path.join(".")] = inside.length ? withoutPaths(v, inside) : v;
  }
  return out;
}
