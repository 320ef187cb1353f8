import * as fs from "fs";
import * as path from "path";
import { CLOUDS, type CloudName } from "../provider/core/types";
import { drivers } from "../provider/clouds/registry";
import { snapshotDrivers } from "../provider/clouds/snapshotRegistry";
import { manifests } from "../provider/clouds/manifests";
import { configKeys } from "../provider/core/credentials";
import { encodeResourceId } from "../provider/core/ids";
import { INSTANCE_OUTPUT_KEYS, SNAPSHOT_OUTPUT_KEYS } from "../provider/core/outputs";
import { instanceOutputSchema, snapshotOutputSchema } from "../provider/core/outputSchema";
import { sdkFields, fieldsOf, inputSchemaOf, isCommon, outputSchemaOf, shapeOf, type Field, type FieldRule, type JsonSchema } from "./jsonSchema";

/**
 * gen-schema writes provider/native/schema.json, the Pulumi package schema of the native provider, from the same zod
 * schemas, manifests and output schemas the dynamic provider checks with: one resource type per cloud
 * (`lightfleet:<cloud>:Instance`, and `lightfleet:<cloud>:InstanceSnapshot` where the cloud has snapshots), since a
 * package schema has no discriminated union of inputs and one type would hand Python, Go, C# and YAML users every
 * cloud's fields at once. `npm run gen-schema` rewrites it; test/unit/native/schema.test.ts fails when it is stale.
 */

/** PACKAGE is the Pulumi package name: the plugin is `pulumi-resource-lightfleet`. */
const PACKAGE = "lightfleet";

/** SCHEMA_FILE is where the schema lives, relative to the repository root. */
export const SCHEMA_FILE = path.join("provider", "native", "schema.json");

const ROOT = path.resolve(__dirname, "..");

/** PropertySpec and TypeSpec are the parts of a Pulumi package schema's property and type the generator writes. */
export interface TypeSpec {
  type?: string;
  items?: TypeSpec;
  additionalProperties?: TypeSpec;
  oneOf?: TypeSpec[];
  $ref?: string;
}
export interface PropertySpec extends TypeSpec {
  description: string;
  secret?: boolean;
}
export interface ObjectTypeSpec {
  type: "object";
  description: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}
export interface EnumTypeSpec {
  type: "string";
  description: string;
  enum: { value: string }[];
}
export type TypeDefinition = ObjectTypeSpec | EnumTypeSpec;
export interface ResourceSpec {
  description: string;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs: string[];
  properties: Record<string, PropertySpec>;
  required: string[];
}
export interface PackageSchema {
  name: string;
  version: string;
  resources: Record<string, ResourceSpec>;
  types: Record<string, TypeDefinition>;
  config: { variables: Record<string, PropertySpec> };
  [key: string]: unknown;
}

/** pascal turns `addOns` into `AddOns`. */
const pascal = (s: string) => s[0].toUpperCase() + s.slice(1);

/** tokenOf is a type token of the package: `lightfleet:<module>:<Name>`. */
export const tokenOf = (module: string, name: string) => `${PACKAGE}:${module}:${name}`;

/** Walk is where one resource's fields are being turned into property specs. */
interface Walk {
  /** The named types (objects, enums) found so far, shared by every resource of the package. */
  types: Record<string, TypeDefinition>;
  /** The token of the named type at a path of fields, e.g. `lightfleet:lightsail:AddOns`. */
  typeName: (path: string[]) => string;
  /** The dotted paths of secret fields; each one found is removed, so what stays was not found. */
  secrets: Set<string>;
  /** Where the walk is, for messages. */
  where: string;
  undocumented: string[];
}

/** typeSpecOf is a schema's value as a Pulumi type; an object or a choice of strings becomes a named type. */
function typeSpecOf(s: JsonSchema, path: string[], field: Field, walk: Walk): TypeSpec {
  const shape = shapeOf(s);
  switch (shape.kind) {
    case "literal": {
      // A choice of strings is an enum type: Python, Go and C# users get its values as named constants.
      if (shape.values.every((v) => typeof v === "string")) {
        const spec: EnumTypeSpec = { type: "string", description: field.description, enum: shape.values.map((value) => ({ value: value as string })) };
        return define(walk, walk.typeName(path), spec);
      }
      const kinds = [...new Set(shape.values.map((v) => typeof v))];
      if (kinds.length !== 1 || !["number", "boolean"].includes(kinds[0])) throw new Error(`${walk.where}.${path.join(".")}: a literal of ${kinds.join(", ")} has no Pulumi type`);
      return { type: kinds[0] };
    }
    case "scalar":
      if (shape.type === "null") throw new Error(`${walk.where}.${path.join(".")}: null has no Pulumi type`);
      return { type: shape.type };
    case "union":
      return { oneOf: shape.options.map((o) => typeSpecOf(o, path, field, walk)) };
    case "intersection":
      throw new Error(`${walk.where}.${path.join(".")}: an intersection of types has no Pulumi type`);
    case "array":
      return { type: "array", items: typeSpecOf(shape.items, path, field, walk) };
    case "map":
      return { type: "object", additionalProperties: typeSpecOf(shape.values, path, field, walk) };
    case "anyObject":
    case "unknown":
      return { $ref: "pulumi.json#/Any" };
    case "object": {
      const token = walk.typeName(path);
      const fields = fieldsOf(shape.schema, `${walk.where}.${path.join(".")}`, walk.undocumented);
      const spec: ObjectTypeSpec = {
        type: "object",
        description: field.description,
        properties: Object.fromEntries(fields.map((f) => [f.key, propertyOf(f, [...path, f.key], walk)])),
      };
      const required = fields.filter((f) => f.required).map((f) => f.key);
      if (required.length) spec.required = required;
      return define(walk, token, spec);
    }
  }
}

/** define adds a named type to the package, once: two paths that name the same type must define the same one. */
function define(walk: Walk, token: string, spec: TypeDefinition): TypeSpec {
  const seen = walk.types[token];
  if (seen && JSON.stringify(seen) !== JSON.stringify(spec)) throw new Error(`${token} is generated twice with different definitions`);
  walk.types[token] = spec;
  return { $ref: `#/types/${token}` };
}

/** propertyOf is one field as a Pulumi property: its type, its description (with its default) and its secrecy. */
function propertyOf(field: Field, path: string[], walk: Walk, note = ""): PropertySpec {
  const dotted = path.join(".");
  const byDefault = field.schema.default !== undefined ? ` Default \`${JSON.stringify(field.schema.default)}\`.` : "";
  const spec: PropertySpec = { description: `${field.description}${byDefault}${note}`, ...typeSpecOf(field.schema, path, field, walk) };
  if (walk.secrets.delete(dotted)) spec.secret = true;
  return spec;
}

/** Properties are one side of a resource, its inputs or what it outputs besides them. */
interface Properties {
  properties: Record<string, PropertySpec>;
  required: string[];
}

/** RESOURCE_NAMES are the resources of each cloud's module. */
const RESOURCE_NAMES = ["Instance", "InstanceSnapshot"];

/** WHEN_CHANGED tells users what a change of a field does, from the manifest's field rules. */
const WHEN_CHANGED = { replace: " Changing it replaces the instances.", update: " Changing it updates the instances in place." };

/**
 * inputsOf turns a resource's zod input schema into its input properties: `cloud` is implied by the token, the owner
 * and the generated name are set by the provider, and the common fields (timeouts...) are shared types of the index.
 */
function inputsOf(cloud: CloudName, resource: string, schema: JsonSchema, rules: Record<string, FieldRule>, types: Record<string, TypeDefinition>, undocumented: string[], changes: Record<string, string> = {}): Properties {
  const where = `${cloud} ${resource}`;
  const secrets = new Set(manifests[cloud].secretPaths.map((p) => p.join(".")));
  const fields = fieldsOf(schema, where, undocumented, { ...rules, cloud: { hidden: true } });
  const shared = new Set(fields.filter(isCommon).map((f) => f.key));
  const walk: Walk = {
    types,
    where,
    secrets,
    undocumented,
    // The common fields' types are the index's, shared by every resource (`lightfleet:index:Timeouts`). An Instance's
    // own types are named by their path alone (`lightfleet:jdcloud:InstanceSpec`), other resources' after the
    // resource; none may be a resource's name, whose args class the SDKs would then generate twice.
    typeName: (p) => {
      if (shared.has(p[0])) return tokenOf("index", p.map(pascal).join(""));
      const name = (resource === "Instance" ? "" : resource) + p.map(pascal).join("");
      if (RESOURCE_NAMES.includes(name)) throw new Error(`${where}.${p.join(".")}: its type would be named ${name}, as a resource is`);
      return tokenOf(cloud, name);
    },
  };
  const properties = Object.fromEntries(fields.map((f) => [f.key, propertyOf(f, [f.key], walk, WHEN_CHANGED[changes[f.key] as keyof typeof WHEN_CHANGED] ?? "")]));
  if (resource === "Instance" && secrets.size) throw new Error(`${cloud}: the manifest's secret paths name no input field: ${[...secrets].join(", ")}`);
  return { properties, required: fields.filter((f) => f.required).map((f) => f.key) };
}

/** outputsOf turns an output schema into properties; its object and enum types are the index's, named by `names`. */
function outputsOf(schema: JsonSchema, keys: readonly string[], names: Record<string, string>, types: Record<string, TypeDefinition>, undocumented: string[]): Properties {
  const fields = fieldsOf(schema, "outputs", undocumented);
  const found = fields.map((f) => f.key);
  if (JSON.stringify([...found].sort()) !== JSON.stringify([...keys].sort())) {
    throw new Error(`the output schema's fields (${found.join(", ")}) are not the output keys (${keys.join(", ")})`);
  }
  const walk: Walk = {
    types,
    where: "outputs",
    secrets: new Set(),
    undocumented,
    typeName: (p) => {
      if (!names[p.join(".")]) throw new Error(`outputs.${p.join(".")}: an output type needs a name`);
      return tokenOf("index", names[p.join(".")]);
    },
  };
  return { properties: Object.fromEntries(fields.map((f) => [f.key, propertyOf(f, [f.key], walk)])), required: fields.filter((f) => f.required).map((f) => f.key) };
}

/**
 * resourceOf is one resource: its inputs, and as outputs every input (the region always known after check) plus what
 * the resource records besides them.
 */
function resourceOf(description: string, inputs: Properties, outputs: Properties): ResourceSpec {
  const overlap = Object.keys(outputs.properties).filter((k) => k in inputs.properties);
  if (overlap.length) throw new Error(`outputs ${overlap.join(", ")} are also inputs`);
  return {
    description,
    inputProperties: inputs.properties,
    requiredInputs: inputs.required,
    properties: { ...inputs.properties, ...outputs.properties },
    required: [...new Set([...inputs.required, "region", ...outputs.required])],
  };
}

/** labelOf is the cloud's name as users know it (the region schema carries it), e.g. `Lightsail`. */
function labelOf(schema: JsonSchema): string {
  return String((schema.properties?.region as { cloudLabel?: string } | undefined)?.cloudLabel ?? "");
}

/** instanceDoc is the description of a cloud's Instance, with how `pulumi import` names a fleet. */
function instanceDoc(cloud: CloudName, label: string): string {
  const id = encodeResourceId({ cloud, region: "<region>", instanceIds: ["<id1>", "<id2>"] });
  return [
    `A fleet of ${label} instances created by one call: \`pulumi up\` waits until every instance is running and has its addresses; a failed launch fails the update, keeps the instances that did launch, and the next update replaces the failed ones. Deleting waits until the cloud no longer lists them.`,
    "",
    "## Import",
    "",
    "A fleet is imported by its cloud, its region and its instance ids:",
    "",
    "```sh",
    `$ pulumi import ${tokenOf(cloud, "Instance")} web ${id}`,
    "```",
  ].join("\n");
}

/** snapshotDoc is the description of a cloud's InstanceSnapshot. */
function snapshotDoc(label: string, source: string | undefined): string {
  return `A snapshot of one ${label} instance${source ? `, named by \`${source}\`` : ""}: \`pulumi up\` waits until it is available; destroy deletes it and waits until it is gone.`;
}

/** configOf is the provider's stack config: the keys the provider reads (stackConfig.ts, defaults.ts, credentials.ts). */
function configOf(): Record<string, PropertySpec> {
  const vars: Record<string, PropertySpec> = {
    endpoint: { type: "string", description: "An API endpoint for every cloud instead of the public ones, e.g. localcloud's `http://127.0.0.1:4566` (LIGHTFLEET_ENDPOINT does the same); `<cloud>Endpoint` and a resource's `endpoint` take precedence." },
  };
  const bare = (key: string) => key.slice(`${PACKAGE}:`.length);
  for (const cloud of CLOUDS) {
    const m = manifests[cloud];
    const label = labelOf(inputSchemaOf(drivers[cloud].schema));
    const keys = configKeys(cloud);
    const env = (v: string | undefined) => (v ? ` (or the ${v} environment variable)` : "");
    vars[`${cloud}Region`] = { type: "string", description: `The ${label} region of a resource that names none${m.regionVariables.length ? ` (before ${m.regionVariables.join(" / ")})` : ""}.` };
    vars[`${cloud}Endpoint`] = { type: "string", description: `An API endpoint for ${label} instead of its public one, for resources that name none.` };
    vars[bare(keys.accessKey)] = { type: "string", secret: true, description: `The ${label} access key id${env(m.credentialVariables.accessKey)}.` };
    vars[bare(keys.secretKey)] = { type: "string", secret: true, description: `The ${label} secret key${env(m.credentialVariables.secretKey)}.` };
    vars[bare(keys.sessionToken)] = { type: "string", secret: true, description: `The ${label} session token of temporary keys${env(m.credentialVariables.sessionToken)}.` };
    vars[bare(keys.profile)] = { type: "string", description: `The profile of the ${label} credential files to read keys from, when no keys are set.` };
  }
  vars.accounts = {
    type: "object",
    additionalProperties: { type: "object", additionalProperties: { type: "string" } },
    secret: true,
    description: "Named accounts, each with its own settings under the same names as the top-level keys (e.g. `accounts.prod.lightsailAccessKey`, `accounts.prod.lightsailRegion`); a resource's `account` input selects one. Set with `pulumi config set --path --secret`.",
  };
  return vars;
}

/** packageJson is the npm package whose version and Pulumi peer range the schema and its SDKs carry. */
function packageJson(): { version: string; description: string; license: string; peerDependencies: Record<string, string> } {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
}

/** generateSchema builds the package schema. */
export function generateSchema(): PackageSchema {
  const pkg = packageJson();
  const types: Record<string, TypeDefinition> = {};
  const undocumented: string[] = [];
  const resources: Record<string, ResourceSpec> = {};
  const instanceOutputs = outputsOf(outputSchemaOf(instanceOutputSchema), INSTANCE_OUTPUT_KEYS, { instances: "InstanceSummary", "instances.state": "InstanceState" }, types, undocumented);
  const snapshotOutputs = outputsOf(outputSchemaOf(snapshotOutputSchema), SNAPSHOT_OUTPUT_KEYS, {}, types, undocumented);
  for (const cloud of CLOUDS) {
    const schema = inputSchemaOf(drivers[cloud].schema);
    const label = labelOf(schema);
    const inputs = inputsOf(cloud, "Instance", schema, sdkFields(cloud), types, undocumented, manifests[cloud].fieldRules);
    resources[tokenOf(cloud, "Instance")] = resourceOf(instanceDoc(cloud, label), inputs, instanceOutputs);
    const snapshot = snapshotDrivers[cloud];
    if (snapshot) {
      const snapInputs = inputsOf(cloud, "InstanceSnapshot", inputSchemaOf(snapshot.schema), sdkFields(cloud), types, undocumented);
      resources[tokenOf(cloud, "InstanceSnapshot")] = resourceOf(snapshotDoc(label, manifests[cloud].snapshotSourceField), snapInputs, snapshotOutputs);
    }
  }
  if (undocumented.length) throw new Error(`fields without a description (add .describe("...") to their schema): ${undocumented.join(", ")}`);
  const pulumiRange = pkg.peerDependencies["@pulumi/pulumi"];
  const pulumiMin = pulumiRange.replace(/^[\^~>=]+/, "");
  return {
    name: PACKAGE,
    displayName: "lightfleet",
    version: pkg.version,
    description: pkg.description,
    keywords: ["pulumi", PACKAGE, "category/cloud", "kind/native", ...CLOUDS],
    license: pkg.license,
    publisher: "lightfleet",
    // Support-pack SDKs are the current layout: the Go SDK gets its go.mod, each SDK the schema's version.
    meta: { supportPack: true },
    language: {
      // The npm name `lightfleet` is the dynamic provider's own package, which TypeScript programs use without a
      // plugin: the generated SDK of the native provider needs a name of its own.
      nodejs: {
        packageName: "@lightfleet/pulumi",
        packageDescription: pkg.description,
        dependencies: { "@pulumi/pulumi": pulumiRange },
        respectSchemaVersion: true,
      },
      python: {
        packageName: "pulumi_lightfleet",
        requires: { pulumi: `>=${pulumiMin},<4.0.0` },
        pyproject: { enabled: true },
        respectSchemaVersion: true,
      },
      go: {
        importBasePath: "github.com/lightfleet/lightfleet/sdk/go/lightfleet",
        generateResourceContainerTypes: true,
        respectSchemaVersion: true,
      },
      // NuGet reserves the `Pulumi.` prefix for Pulumi's own packages: the package is Lightfleet.Pulumi.
      csharp: {
        rootNamespace: "Lightfleet",
        namespaces: { [PACKAGE]: "Pulumi", ...Object.fromEntries(CLOUDS.map((c) => [c, pascal(c)])) },
        packageReferences: { Pulumi: "3.*" },
        respectSchemaVersion: true,
      },
    },
    config: { variables: configOf() },
    provider: {
      description: "The lightfleet provider. It reads its settings from the stack config (`lightfleet:*`), not from provider arguments.",
    },
    resources,
    types: Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** schemaText is the schema as the committed file holds it. */
export function schemaText(): string {
  return `${JSON.stringify(generateSchema(), null, 2)}\n`;
}

if (require.main === module) {
  const file = path.join(ROOT, SCHEMA_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, schemaText());
}
