import { z } from "zod";
import { commonShape } from "../provider/core/commonSchema";
import { configKey } from "../provider/core/stackConfig";
import type { CloudName } from "../provider/core/types";
import { manifests } from "../provider/clouds/manifests";

/**
 * The walk over zod's JSON Schema output that every generator shares (gen-types for the TypeScript argument types and
 * the README tables, gen-schema for the Pulumi package schema): which fields an object has, which are required and
 * documented, and what kind of value each holds. Each generator only renders what this module reads.
 */

/** JsonSchema is the part of zod's JSON Schema output the generators read. */
export interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** Shape is what kind of value a schema holds, as every generator distinguishes them. */
export type Shape =
  | { kind: "literal"; values: unknown[] }
  | { kind: "scalar"; type: "string" | "number" | "integer" | "boolean" | "null" }
  | { kind: "array"; items: JsonSchema }
  | { kind: "object"; schema: JsonSchema }
  | { kind: "map"; values: JsonSchema }
  | { kind: "anyObject" }
  | { kind: "union"; options: JsonSchema[] }
  | { kind: "intersection"; parts: JsonSchema[] }
  | { kind: "unknown" };

const SCALARS = new Set(["string", "number", "integer", "boolean", "null"]);

/** shapeOf tells what kind of value a schema holds. */
export function shapeOf(s: JsonSchema): Shape {
  if (s.const !== undefined) return { kind: "literal", values: [s.const] };
  if (s.enum) return { kind: "literal", values: s.enum };
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return { kind: "union", options: alts };
  if (s.allOf) {
    // Several patterns on one string come as `type` beside an allOf of bare patterns, which say nothing of the type.
    const parts = [...(s.type ? [{ ...s, allOf: undefined }] : []), ...s.allOf].filter((p) => shapeOf(p).kind !== "unknown");
    if (parts.length === 0) return { kind: "unknown" };
    return parts.length === 1 ? shapeOf(parts[0]) : { kind: "intersection", parts };
  }
  if (Array.isArray(s.type)) return { kind: "union", options: s.type.map((t) => ({ ...s, type: t })) };
  if (s.type === "array") return { kind: "array", items: s.items ?? {} };
  if (s.type === "object") {
    if (s.properties) return { kind: "object", schema: s };
    if (typeof s.additionalProperties === "object") return { kind: "map", values: s.additionalProperties };
    return { kind: "anyObject" };
  }
  if (s.type && SCALARS.has(s.type)) return { kind: "scalar", type: s.type as "string" };
  return { kind: "unknown" };
}

/** FieldRule decides how one top-level field reaches users, besides what its schema says. */
export interface FieldRule {
  /** Left out: the SDK or the provider sets it. */
  hidden?: boolean;
  /** Optional to users though the schema requires it, and why (appended to its description). */
  optional?: string;
}

/** Field is one field of an object as users see it. */
export interface Field {
  key: string;
  schema: JsonSchema;
  /** The schema's description, with the rule's reason when the rule makes the field optional. */
  description: string;
  /** Whether users must give it. */
  required: boolean;
}

/**
 * sdkFields are the top-level fields lightfleet handles itself: the owner and the generated name are set at check,
 * the region may come from the stack config or the cloud's region variables (core/defaults.ts), named for `cloud`.
 */
export function sdkFields(cloud?: CloudName): Record<string, FieldRule> {
  const variables = cloud ? manifests[cloud].regionVariables : [];
  const from = cloud ? `the stack config \`${configKey(`${cloud}Region`)}\`${variables.length ? `, then ${variables.join(" / ")}` : ""}` : "the stack config `lightfleet:<cloud>Region`, then the cloud's region variables";
  return {
    owner: { hidden: true },
    autoName: { hidden: true },
    region: { optional: `Without it, the region comes from ${from}.` },
  };
}

/** fieldsOf lists an object's fields as users see them; `undocumented` collects the path of any without a description. */
export function fieldsOf(s: JsonSchema, where: string, undocumented: string[], rules: Record<string, FieldRule> = {}): Field[] {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).flatMap(([key, schema]) => {
    const rule = rules[key] ?? {};
    if (rule.hidden) return [];
    if (!schema.description) undocumented.push(`${where}.${key}`);
    const description = `${schema.description ?? ""}${rule.optional ? ` ${rule.optional}` : ""}`;
    return [{ key, schema, description, required: required.has(key) && rule.optional === undefined }];
  });
}

/** inputSchemaOf is a zod schema's input side as JSON Schema. */
export function inputSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

/** outputSchemaOf is a zod schema's output side as JSON Schema. */
export function outputSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as JsonSchema;
}

/**
 * COMMON_FIELDS are the fields every cloud's Instance has (provider/core/commonSchema.ts) as users see them, which
 * the generators emit once: a cloud's field is the common one when its schema is the same, and its own when the cloud
 * narrows it (its regions, its tag rules).
 */
export const COMMON_FIELDS: Field[] = fieldsOf(inputSchemaOf(z.object(commonShape)), "common", [], sdkFields());

/** isCommon tells whether a cloud's field is the common field of the same name, unchanged. */
export function isCommon(field: Field): boolean {
  const common = COMMON_FIELDS.find((f) => f.key === field.key);
  return !!common && common.required === field.required && JSON.stringify(common.schema) === JSON.stringify(field.schema);
}
