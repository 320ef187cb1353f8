import { invalid, missing } from "./errors";

/** Params reads typed request parameters from a parsed JSON body, answering type errors as the API does. */
export class Params {
  constructor(private readonly body: Record<string, unknown>) {}

  private value(name: string, required: boolean): unknown {
    const v = this.body[name];
    if (v === undefined || v === null) {
      if (required) throw missing(name);
      return undefined;
    }
    return v;
  }

  str(name: string, required: true): string;
  str(name: string, required?: false): string | undefined;
  str(name: string, required = false): string | undefined {
    const v = this.value(name, required);
    if (v === undefined) return undefined;
    if (typeof v !== "string") throw invalid(name, "must be a string");
    if (required && v === "") throw missing(name);
    return v;
  }

  int(name: string, opts: { min?: number; max?: number } = {}): number | undefined {
    const v = this.value(name, false);
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v)) throw invalid(name, "must be an integer");
    if (opts.min !== undefined && v < opts.min) throw invalid(name, `must be at least ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) throw invalid(name, `must be at most ${opts.max}`);
    return v;
  }

  num(name: string): number | undefined {
    const v = this.value(name, false);
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) throw invalid(name, "must be a number");
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.value(name, false);
    if (v === undefined) return undefined;
    if (typeof v !== "boolean") throw invalid(name, "must be a boolean");
    return v;
  }

  strings(name: string, max?: number): string[] | undefined {
    const v = this.value(name, false);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw invalid(name, "must be an array of strings");
    if (max !== undefined && v.length > max) throw invalid(name, `must hold at most ${max} items`);
    return v as string[];
  }

  objects(name: string): Array<Record<string, unknown>> | undefined {
    const v = this.value(name, false);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "object" || x === null || Array.isArray(x))) {
      throw invalid(name, "must be an array of objects");
    }
    return v as Array<Record<string, unknown>>;
  }

  object(name: string): Params | undefined {
    const v = this.value(name, false);
    if (v === undefined) return undefined;
    if (typeof v !== "object" || Array.isArray(v)) throw invalid(name, "must be an object");
    return new Params(v as Record<string, unknown>);
  }

  enumOf<T extends string>(name: string, values: readonly T[], required: true): T;
  enumOf<T extends string>(name: string, values: readonly T[], required?: false): T | undefined;
  enumOf<T extends string>(name: string, values: readonly T[], required = false): T | undefined {
    const v = required ? this.str(name, true) : this.str(name);
    if (v === undefined) return undefined;
    if (!values.includes(v as T)) throw invalid(name, `must be one of ${values.join(", ")}`);
    return v as T;
  }
}

/**
 * TAG_LIMITS: Zenlayer documents only that tag keys are unique and that the console creates up to 20 tags at a time;
 * the per-resource count and the key and value lengths are assumptions, shared with the provider's schema.
 */
export const TAG_LIMITS = { maxTags: 20, maxKey: 64, maxValue: 128 };

/** readTags reads a `[{key, value}]` list, refusing duplicate keys (the seed: a tag key cannot be duplicated). */
export function readTags(name: string, list: Array<Record<string, unknown>> | undefined): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  if ((list ?? []).length > TAG_LIMITS.maxTags) throw invalid(name, `must hold at most ${TAG_LIMITS.maxTags} tags`);
  for (const t of list ?? []) {
    if (typeof t.key !== "string" || t.key === "" || t.key.length > TAG_LIMITS.maxKey) {
      throw invalid(`${name}.key`, `must be 1-${TAG_LIMITS.maxKey} characters`);
    }
    if (t.value !== undefined && t.value !== null && (typeof t.value !== "string" || t.value.length > TAG_LIMITS.maxValue)) {
      throw invalid(`${name}.value`, `must be a string of at most ${TAG_LIMITS.maxValue} characters`);
    }
    if (out.some((o) => o.key === t.key)) throw invalid(name, `must not repeat the tag key \`${t.key}\``);
    out.push({ key: t.key, value: typeof t.value === "string" ? t.value : "" });
  }
  return out;
}
