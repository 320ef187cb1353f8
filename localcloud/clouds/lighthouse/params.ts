import { apiError } from "./errors";

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Params reads one action's JSON parameters the way API 3.0 does: unknown names are refused (UnknownParameter),
 * required ones must be present (MissingParameter), and each value must have its documented type (InvalidParameter);
 * integers and booleans also arrive as strings (the docs' own examples send `"Period": "1"`).
 */
export class Params {
  private constructor(
    private readonly body: Json,
    private readonly prefix: string,
  ) {}

  /** of checks the parameter names of a body against the action's list. */
  static of(body: unknown, allowed: readonly string[], prefix = ""): Params {
    if (!isObject(body)) throw apiError("InvalidParameter", `The parameter \`${prefix || "body"}\` must be a JSON object.`);
    for (const k of Object.keys(body)) {
      if (!allowed.includes(k)) throw apiError("UnknownParameter", `The parameter \`${prefix}${k}\` is not recognized.`);
    }
    return new Params(body, prefix);
  }

  private name(k: string): string {
    return `${this.prefix}${k}`;
  }

  private raw(k: string, required: boolean): unknown {
    const v = this.body[k];
    if (v === undefined || v === null) {
      if (required) throw apiError("MissingParameter", `The request is missing a required parameter \`${this.name(k)}\`.`);
      return undefined;
    }
    return v;
  }

  private typeError(k: string, type: string): never {
    throw apiError("InvalidParameter", `The value type of parameter \`${this.name(k)}\` is not valid; expected ${type}.`);
  }

  has(k: string): boolean {
    return this.body[k] !== undefined && this.body[k] !== null;
  }

  string(k: string, required = false): string | undefined {
    const v = this.raw(k, required);
    if (v === undefined) return undefined;
    if (typeof v !== "string") this.typeError(k, "String");
    return v;
  }

  integer(k: string, required = false): number | undefined {
    const v = this.raw(k, required);
    if (v === undefined) return undefined;
    const n = typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n)) this.typeError(k, "Integer");
    return n;
  }

  boolean(k: string): boolean | undefined {
    const v = this.raw(k, false);
    if (v === undefined) return undefined;
    if (v === "true" || v === "false") return v === "true";
    if (typeof v !== "boolean") this.typeError(k, "Boolean");
    return v;
  }

  list(k: string, required = false): unknown[] | undefined {
    const v = this.raw(k, required);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) this.typeError(k, "Array");
    return v;
  }

  stringList(k: string, required = false): string[] | undefined {
    const v = this.list(k, required);
    if (v === undefined) return undefined;
    if (v.some((s) => typeof s !== "string")) this.typeError(k, "Array of String");
    return v as string[];
  }

  /** object reads a nested structure with its own list of field names. */
  object(k: string, allowed: readonly string[], required = false): Params | undefined {
    const v = this.raw(k, required);
    if (v === undefined) return undefined;
    if (!isObject(v)) this.typeError(k, "Object");
    return Params.of(v, allowed, `${this.name(k)}.`);
  }

  /** objects reads a list of structures, each with the same field names. */
  objects(k: string, allowed: readonly string[], required = false): Params[] | undefined {
    const v = this.list(k, required);
    if (v === undefined) return undefined;
    return v.map((item, i) => {
      if (!isObject(item)) this.typeError(`${k}.${i}`, "Object");
      return Params.of(item, allowed, `${this.name(k)}.${i}.`);
    });
  }
}
