import { ZenlayerError } from "./errors";

const PATTERN = /\[([^\]]*)\]/g;
const NAME_CHARS = /^[A-Za-z0-9.-]*$/;
const MAX_NAME = 64;

function malformed(name: string, why: string): ZenlayerError {
  return new ZenlayerError(400, "INVALID_PARAMETER_INSTANCE_NAME_MALFORMED", `The instance name \`${name}\` is malformed: ${why}.`);
}

/**
 * expandInstanceNames turns an instanceName with `[begin,bits]` patterns into one name per instance, as
 * CreateInstances does: `web[1,3]` for two instances gives web001 and web002; begin defaults to 0 (range 0-99999),
 * bits to 6 (range 1-6); several patterns count together. Throws the seed's name errors.
 */
export function expandInstanceNames(name: string, count: number): string[] {
  if (name === "") throw malformed(name, "it must not be empty");
  const patterns: Array<{ begin: number; bits: number }> = [];
  const body = name.replace(PATTERN, (_whole, inner: string) => {
    const m = /^(\d*),(\d*)$/.exec(inner);
    if (!m) throw malformed(name, "a pattern must be [begin_number,bits] without spaces");
    const begin = m[1] === "" ? 0 : Number(m[1]);
    const bits = m[2] === "" ? 6 : Number(m[2]);
    if (begin > 99_999) throw malformed(name, "begin_number must be 0-99999");
    if (bits < 1 || bits > 6) throw malformed(name, "bits must be 1-6");
    patterns.push({ begin, bits });
    return "";
  });
  if (!NAME_CHARS.test(body)) throw malformed(name, "only letters, numbers, - and periods (.) are supported");
  const names = Array.from({ length: count }, (_, i) => {
    let k = 0;
    return name.replace(PATTERN, () => {
      const p = patterns[k++];
      return String(p.begin + i).padStart(p.bits, "0");
    });
  });
  const longest = names.reduce((a, b) => (b.length > a.length ? b : a), "");
  if (longest.length > MAX_NAME) {
    throw new ZenlayerError(400, "INVALID_PARAMETER_INSTANCE_NAME_EXCEED", `The instance name \`${longest}\` exceeds ${MAX_NAME} characters.`);
  }
  return names;
}
