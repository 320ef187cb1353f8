import { LightsailError, invalidInput } from "./errors";

/**
 * Reading and checking request members the way Lightsail does: a member of the wrong JSON type is a
 * SerializationException, a missing or malformed one an InvalidInputException, and the name and tag rules of the
 * API documents are checked here once for every operation that takes names or tags.
 */

/** Input is a decoded awsJson request body. */
export type Input = Record<string, unknown>;

/** TagRecord is one tag as Lightsail stores it. */
export interface TagRecord {
  key: string;
  value?: string;
}

/** NAME_PATTERN is Lightsail's resource name rule `\w[\w\-]*\w`. */
const NAME_PATTERN = /^\w[\w-]*\w$/;
/** TAG_PATTERN allows letters, numbers and spaces in UTF-8 and `+ - = . _ : / @`. */
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}+\-=._:/@]*$/u;

/** MAX_TAGS is how many tags one resource may carry. */
export const MAX_TAGS = 50;

function wrongType(field: string, expected: string): LightsailError {
  return new LightsailError("SerializationException", `Unexpected value at '${field}': expected ${expected}`);
}

function missing(field: string): LightsailError {
  return invalidInput(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
}

/** optionalString reads a string member. */
export function optionalString(input: Input, field: string): string | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw wrongType(field, "a string");
  return v;
}

/** requiredString reads a string member that must be present and non-empty. */
export function requiredString(input: Input, field: string): string {
  const v = optionalString(input, field);
  if (v === undefined || v === "") throw missing(field);
  return v;
}

/** optionalBoolean reads a boolean member. */
export function optionalBoolean(input: Input, field: string): boolean | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw wrongType(field, "a boolean");
  return v;
}

/** stringList reads a list of strings; required lists must have at least one item. */
export function stringList(input: Input, field: string, required: boolean): string[] {
  const v = input[field];
  if (v === undefined || v === null) {
    if (required) throw missing(field);
    return [];
  }
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) throw wrongType(field, "a list of strings");
  if (required && v.length === 0) throw invalidInput(`${field} must contain at least one item`);
  return v as string[];
}

/** objectList reads a list of JSON objects. */
export function objectList(input: Input, field: string): Input[] {
  const v = input[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((o) => typeof o !== "object" || o === null || Array.isArray(o))) {
    throw wrongType(field, "a list of objects");
  }
  return v as Input[];
}

/** optionalObject reads a nested JSON object. */
export function optionalObject(input: Input, field: string): Input | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw wrongType(field, "an object");
  return v as Input;
}

/** checkName applies the resource name rule: `\w[\w\-]*\w`, 2-255 characters. */
export function checkName(name: string, what: string): void {
  if (name.length < 2 || name.length > 255) throw invalidInput(`The ${what} name ${JSON.stringify(name)} must be 2-255 characters`);
  if (!NAME_PATTERN.test(name)) {
    throw invalidInput(
      `The ${what} name ${JSON.stringify(name)} must contain only letters, numbers, underscores and hyphens, and start and end with a letter, number or underscore`,
    );
  }
}

/** checkEnum rejects a value outside the member's enumeration. */
export function checkEnum<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidInput(`Value ${JSON.stringify(value)} at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`);
  }
  return value as T;
}

/** checkTagKey applies the tag key rule: 1-128 allowed characters. */
export function checkTagKey(key: string): void {
  if (key.length < 1 || key.length > 128) throw invalidInput(`Tag key ${JSON.stringify(key)} must be 1-128 characters`);
  if (!TAG_PATTERN.test(key)) {
    throw invalidInput(`Tag key ${JSON.stringify(key)} may contain only letters, numbers, spaces and + - = . _ : / @`);
  }
}

/** tagList reads and checks a `tags` member: at most 50, keys unique, keys and values within the rules. */
export function tagList(input: Input, field = "tags"): TagRecord[] {
  const tags = objectList(input, field).map((t, i) => {
    const key = optionalString(t, "key");
    if (key === undefined) throw missing(`${field}.${i + 1}.member.key`);
    const value = optionalString(t, "value");
    checkTagKey(key);
    if (value !== undefined) {
      if (value.length > 256) throw invalidInput(`The value of tag ${JSON.stringify(key)} must be at most 256 characters`);
      if (!TAG_PATTERN.test(value)) {
        throw invalidInput(`The value of tag ${JSON.stringify(key)} may contain only letters, numbers, spaces and + - = . _ : / @`);
      }
    }
    return value === undefined ? { key } : { key, value };
  });
  const keys = new Set(tags.map((t) => t.key));
  if (keys.size !== tags.length) throw invalidInput("Tag keys must be unique");
  if (tags.length > MAX_TAGS) throw invalidInput(`A resource can have at most ${MAX_TAGS} tags; ${tags.length} were given`);
  return tags;
}

/** mergeTags sets new values over old ones and checks the resulting count. */
export function mergeTags(current: TagRecord[], changes: TagRecord[]): TagRecord[] {
  const byKey = new Map(current.map((t) => [t.key, t]));
  for (const t of changes) byKey.set(t.key, t);
  if (byKey.size > MAX_TAGS) throw invalidInput(`A resource can have at most ${MAX_TAGS} tags; this change would leave ${byKey.size}`);
  return [...byKey.values()];
}
