/*
 * Values as the engine sends and takes them from a provider that accepts secrets: a secret is an object holding the
 * secret signature and the plain value. The provider core works on plain values; the native layer unwraps what comes
 * in and marks what goes out.
 */

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Wire is a property map in the engine's encoding. */
export type Wire = Record<string, unknown>;

function isSecret(v: unknown): v is { value: unknown } {
  return !!v && typeof v === "object" && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** plain is a value with every secret replaced by its plain value. */
export function plain<T = unknown>(v: unknown): T {
  if (isSecret(v)) return plain(v.value);
  if (Array.isArray(v)) return v.map((x) => plain(x)) as T;
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) as T;
  return v as T;
}

/** secret is `v` marked secret. */
export function secret(v: unknown): unknown {
  return isSecret(v) ? v : { [SIG_KEY]: SECRET_SIG, value: v };
}

/** withSecrets is `obj` with the value at each path (where present) marked secret. */
export function withSecrets(obj: Wire, paths: readonly string[][]): Wire {
  const out = structuredClone(obj);
  for (const path of paths) {
    let cur: unknown = out;
    for (const p of path.slice(0, -1)) cur = cur && typeof cur === "object" && !isSecret(cur) ? (cur as Wire)[p] : undefined;
    const last = path[path.length - 1];
    if (cur && typeof cur === "object" && !isSecret(cur) && (cur as Wire)[last] !== undefined) (cur as Wire)[last] = secret((cur as Wire)[last]);
  }
  return out;
}
