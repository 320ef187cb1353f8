/** NamePattern is one `[begin,bits]` counter inside an instanceName. */
interface NamePattern {
  begin: number;
  bits: number;
}

/** NameExpansion is the expanded names, or why the instanceName is not acceptable. */
export type NameExpansion = { ok: true; names: string[] } | { ok: false; reason: string };

const COUNTER = /\[([^\]]*)\]/g;

/** MAX_INSTANCE_NAME is the longest instance name Zenlayer accepts. */
export const MAX_INSTANCE_NAME = 64;

/**
 * instanceNames expands an instanceName into the names `count` instances will get: every `[begin,bits]` counter
 * becomes begin+i padded to `bits` digits (begin 0-99999, default 0; bits 1-6, default 6), e.g. `web[1,3]` gives
 * web001, web002. Outside counters only letters, digits, `-` and `.` are allowed; each name has at most 64 characters.
 */
export function instanceNames(pattern: string, count: number): NameExpansion {
  if (pattern.length === 0) return { ok: false, reason: "must not be empty" };
  const counters: NamePattern[] = [];
  for (const m of pattern.matchAll(COUNTER)) {
    const parts = /^(\d*),(\d*)$/.exec(m[1]);
    if (!parts) return { ok: false, reason: "a counter must be [begin_number,bits] without spaces, e.g. web[1,3]" };
    const begin = parts[1] === "" ? 0 : Number(parts[1]);
    const bits = parts[2] === "" ? 6 : Number(parts[2]);
    if (begin > 99_999) return { ok: false, reason: "a counter's begin_number must be 0-99999" };
    if (bits < 1 || bits > 6) return { ok: false, reason: "a counter's bits must be 1-6" };
    counters.push({ begin, bits });
  }
  if (!/^[A-Za-z0-9.-]*$/.test(pattern.replace(COUNTER, ""))) {
    return { ok: false, reason: "may contain only letters, numbers, - and periods (.), plus [begin,bits] counters" };
  }
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    let k = 0;
    names.push(
      pattern.replace(COUNTER, () => {
        const c = counters[k++];
        return String(c.begin + i).padStart(c.bits, "0");
      }),
    );
  }
  const tooLong = names.find((n) => n.length > MAX_INSTANCE_NAME);
  if (tooLong) return { ok: false, reason: `must be at most ${MAX_INSTANCE_NAME} characters once expanded (${tooLong} is ${tooLong.length})` };
  return { ok: true, names };
}
