import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CLOUDS } from "../../../provider/core/types";
import { drivers } from "../../../provider/clouds/registry";
import { snapshotDrivers } from "../../../provider/clouds/snapshotRegistry";
import { manifests } from "../../../provider/clouds/manifests";
import { SCHEMA_FILE, schemaText, type PackageSchema, type PropertySpec, type TypeSpec } from "../../../scripts/gen-schema";

/**
 * provider/native/schema.json is what Python, Go, C#, YAML and the generated SDKs see of lightfleet: it must be what
 * the cloud schemas generate today (a schema change without `npm run gen-schema` fails here), and it must give users
 * typed, documented and safe inputs.
 */
const ROOT = path.resolve(__dirname, "..", "..", "..");
const committed = fs.existsSync(path.join(ROOT, SCHEMA_FILE)) ? fs.readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8") : "(missing)";
const schema = JSON.parse(committed) as PackageSchema;

/** typeOfRef is the object type a property refers to, directly or through a list or a map. */
function typeOfRef(spec: TypeSpec): PackageSchema["types"][string] | undefined {
  if (spec.$ref?.startsWith("#/types/")) return schema.types[spec.$ref.slice("#/types/".length)];
  if (spec.items) return typeOfRef(spec.items);
  if (spec.additionalProperties) return typeOfRef(spec.additionalProperties);
  return undefined;
}

/** propertyAt follows a path of fields from a resource's inputs through its object types. */
function propertyAt(properties: Record<string, PropertySpec>, fieldPath: string[]): PropertySpec | undefined {
  const [head, ...rest] = fieldPath;
  const spec = properties[head];
  if (!spec || rest.length === 0) return spec;
  const type = typeOfRef(spec);
  return type && "properties" in type ? propertyAt(type.properties, rest) : undefined;
}

/** everyProperty lists every property of the schema: resources' inputs and outputs, object types, the config. */
function everyProperty(): [string, PropertySpec][] {
  const of = (where: string, props: Record<string, PropertySpec>) => Object.entries(props).map(([k, v]) => [`${where}.${k}`, v] as [string, PropertySpec]);
  return [
    ...Object.entries(schema.resources).flatMap(([token, r]) => [...of(`${token} input`, r.inputProperties), ...of(`${token} output`, r.properties)]),
    ...Object.entries(schema.types).flatMap(([token, t]) => ("properties" in t ? of(token, t.properties) : [])),
    ...of("config", schema.config.variables),
  ];
}

describe("provider/native/schema.json", () => {
  it("is what the cloud schemas generate (npm run gen-schema)", () => {
    expect(committed).toBe(schemaText());
  });

  it("has one Instance a cloud, and one InstanceSnapshot a cloud with snapshots, and no other resource", () => {
    const expected = CLOUDS.flatMap((cloud) => [`lightfleet:${cloud}:Instance`, ...(snapshotDrivers[cloud] ? [`lightfleet:${cloud}:InstanceSnapshot`] : [])]);
    expect(Object.keys(schema.resources).sort()).toEqual(expected.sort());
  });

  it("documents every property, of every resource, type and config key", () => {
    const bare = everyProperty().filter(([, spec]) => !spec.description?.trim());
    expect(bare.map(([where]) => where)).toEqual([]);
    expect(Object.entries(schema.types).filter(([, t]) => !t.description).map(([token]) => token)).toEqual([]);
  });

  it("marks every password, user data and init script secret, in inputs and outputs", () => {
    const secretLooking = everyProperty().filter(([where]) => /\.(password|userData|initScript|\w*SecretKey|\w*AccessKey|\w*SessionToken)$/.test(where));
    expect(secretLooking.length).toBeGreaterThan(0);
    expect(secretLooking.filter(([, spec]) => spec.secret !== true).map(([where]) => where)).toEqual([]);
    for (const cloud of CLOUDS) {
      const r = schema.resources[`lightfleet:${cloud}:Instance`];
      for (const secretPath of manifests[cloud].secretPaths) {
        expect([cloud, secretPath.join("."), propertyAt(r.inputProperties, secretPath)?.secret]).toEqual([cloud, secretPath.join("."), true]);
        expect([cloud, secretPath.join("."), propertyAt(r.properties, secretPath)?.secret]).toEqual([cloud, secretPath.join("."), true]);
      }
    }
  });

  it.each(CLOUDS)("requires on %s exactly the Instance inputs its zod schema refuses to go without (but region, which the stack config may give)", (cloud) => {
    const parsed = drivers[cloud].schema.safeParse({ cloud }, { reportInput: true });
    const missing = parsed.success
      ? []
      : parsed.error.issues.filter((i) => i.path.length === 1 && i.input === undefined).map((i) => String(i.path[0]));
    const r = schema.resources[`lightfleet:${cloud}:Instance`];
    expect(missing).toContain("region");
    expect([...r.requiredInputs].sort()).toEqual(missing.filter((k) => k !== "region").sort());
    expect(r.inputProperties.region.description).toMatch(/stack config/);
  });

  it("gives each cloud only its own inputs, without the cloud selector or what the provider sets", () => {
    for (const cloud of CLOUDS) {
      const inputs = Object.keys(schema.resources[`lightfleet:${cloud}:Instance`].inputProperties);
      expect(inputs).not.toContain("cloud");
      expect(inputs).not.toContain("owner");
      expect(inputs).not.toContain("autoName");
      const others = CLOUDS.filter((c) => c !== cloud).flatMap((c) => Object.keys(schema.resources[`lightfleet:${c}:Instance`].inputProperties));
      const own = inputs.filter((k) => !others.includes(k));
      expect([cloud, own.length > 0]).toEqual([cloud, true]);
    }
  });

  it("exposes the fleet's ids, addresses and typed instances on every Instance", () => {
    for (const cloud of CLOUDS) {
      const r = schema.resources[`lightfleet:${cloud}:Instance`];
      expect(r.required).toEqual(expect.arrayContaining(["instanceIds", "publicIps", "privateIps", "ipv6Addresses", "instances"]));
      expect(r.properties.instances.items?.$ref).toBe("#/types/lightfleet:index:InstanceSummary");
    }
    const summary = schema.types["lightfleet:index:InstanceSummary"];
    expect("properties" in summary && Object.keys(summary.properties)).toEqual(expect.arrayContaining(["id", "state", "cloudState", "publicIp"]));
  });

  // get-schema checks the schema against Pulumi's metaschema; binding it whole (every $ref) is gen-sdk's, in test/native/sdks.test.ts.
  it("is accepted by the Pulumi CLI (pulumi package get-schema), which reads back every resource", () => {
    const out = execFileSync("pulumi", ["package", "get-schema", path.join(ROOT, SCHEMA_FILE)], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
    const bound = JSON.parse(out) as PackageSchema;
    expect(Object.keys(bound.resources).sort()).toEqual(Object.keys(schema.resources).sort());
    expect(bound.version).toBe(schema.version);
  });
});
