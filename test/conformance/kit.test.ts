import * as fs from "fs";
import * as path from "path";
import type { z } from "zod";
import { manifests } from "../../provider/clouds/manifests";
import { drivers } from "../../provider/clouds/registry";
import { snapshotDrivers } from "../../provider/clouds/snapshotRegistry";
import type { CloudManifest } from "../../provider/core/manifest";
import { CLOUDS, type CloudName } from "../../provider/core/types";
import { lighthouseCall } from "../../provider/clouds/lighthouse/client";
import { jdcloudCall, regionPath } from "../../provider/clouds/jdcloud/client";
import { lightsailCall } from "../../provider/clouds/lightsail/client";
import { call as zenlayerSend } from "../../provider/clouds/zenlayer/client";
import { contextFor } from "../../provider/core/context";
import type { DriverContext } from "../../provider/core/driver";
import { setStackConfig } from "../../provider/core/stackConfig";
import { catalogs } from "../../localcloud/clouds";
import { fleetInputs } from "../support/cloudInputs";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

/**
 * The conformance kit: every cloud the registry holds has every part CONTRIBUTING.md's "Adding a cloud" lists, read
 * from that page, so a registry entry without its parts, or a page that no longer says what the code holds, fails here.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const guide = fs.readFileSync(path.join(ROOT, "CONTRIBUTING.md"), "utf8");

/** listed are the paths of one kind the guide names, `<cloud>` standing for the cloud's name. */
function listed(prefix: string, text = guide): string[] {
  const found = [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]).filter((p) => p.startsWith(prefix));
  return [...new Set(found)];
}

/** section is the text under one `###` heading of the guide. */
function section(heading: string): string {
  const start = guide.indexOf(`### ${heading}\n`);
  const end = guide.indexOf("\n#", start + 1);
  return start < 0 ? "" : guide.slice(start, end < 0 ? undefined : end);
}

const providerFiles = listed("provider/clouds/<cloud>/");
const localcloudFiles = listed("localcloud/clouds/<cloud>/");
const testFiles = [...listed("test/unit/<cloud>/"), ...listed("test/conformance/<cloud>"), ...listed("examples/<cloud>/")];
const registryFiles = listed("", section("The registry lines")).filter((p) => p.endsWith(".ts"));

const of = (cloud: string, p: string) => p.replace(/<cloud>/g, cloud);
const exists = (p: string) => fs.existsSync(path.join(ROOT, p));
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), "utf8");

/**
 * notFoundProbes ask each cloud about an instance that does not exist, through the call its delete path sends: the
 * answer is what the cloud's not-found predicate must recognise.
 */
const notFoundProbes: Record<CloudName, (ctx: DriverContext) => Promise<unknown>> = {
  lightsail: (ctx) => ctx.send(lightsailCall(ctx, "DeleteInstance", { instanceName: "kit-missing", forceDeleteAddOns: true })),
  lighthouse: (ctx) => lighthouseCall(ctx, "TerminateInstances", { InstanceIds: ["lhins-kitmiss0"] }, () => undefined),
  zenlayer: (ctx) => zenlayerSend(ctx, "vm", "TerminateInstance", { instanceId: "kit-missing" }, () => undefined),
  jdcloud: (ctx) => ctx.send(jdcloudCall(ctx, { operation: "deleteInstance", method: "DELETE", path: `${regionPath(ctx)}/instances/i-kitmissing` }, () => undefined)),
};

/** fieldAt walks an input schema to a dotted field, through optional and default wrappers; undefined when absent. */
function fieldAt(schema: z.ZodType, field: string[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = schema;
  for (const key of field) {
    while (s && !("shape" in s)) {
      const def: { innerType?: z.ZodType; in?: z.ZodType } = (s as unknown as { def: { innerType?: z.ZodType; in?: z.ZodType } }).def;
      s = def.innerType ?? def.in;
    }
    s = s ? (s as unknown as { shape: Record<string, z.ZodType> }).shape[key] : undefined;
  }
  return s;
}

describe("the guide to adding a cloud", () => {
  it("lists the files of both cloud folders, the tests and examples, and the registry lines", () => {
    expect(providerFiles.length).toBeGreaterThan(0);
    expect(localcloudFiles.length).toBeGreaterThan(0);
    expect(testFiles.length).toBeGreaterThan(0);
    expect(registryFiles.length).toBeGreaterThan(0);
    expect(registryFiles).toEqual(expect.arrayContaining(["provider/core/types.ts", "provider/clouds/registry.ts", "provider/clouds/manifests.ts"]));
    expect(registryFiles.filter((p) => !exists(p))).toEqual([]);
  });
});

describe.each(Object.keys(drivers) as CloudName[])("%s: the conformance kit", (cloud) => {
  const manifest: CloudManifest = manifests[cloud];
  const driver = drivers[cloud];

  it("is a cloud CLOUDS names, with a manifest and a snapshot registry entry", () => {
    expect(CLOUDS).toContain(cloud);
    expect(manifest.cloud).toBe(cloud);
    expect(cloud in snapshotDrivers).toBe(true);
  });

  it("has exactly the provider files the guide lists", () => {
    const want = providerFiles.map((p) => path.posix.basename(p)).sort();
    expect(fs.readdirSync(path.join(ROOT, "provider", "clouds", cloud)).sort()).toEqual(want);
  });

  it("has exactly the localcloud files the guide lists, and its emulator is served and has a catalogue", async () => {
    const want = localcloudFiles.map((p) => path.posix.basename(p)).sort();
    expect(fs.readdirSync(path.join(ROOT, "localcloud", "clouds", cloud)).sort()).toEqual(want);
    expect(catalogs[cloud]).toBeDefined();
    expect(served).toContain(cloud);
  });

  it("has the tests and the example the guide lists", () => {
    expect(testFiles.map((p) => of(cloud, p)).filter((p) => !exists(p))).toEqual([]);
  });

  it("is named in every registry the guide lists", () => {
    expect(registryFiles.filter((p) => !new RegExp(`\\b${cloud}\\b`, "i").test(read(p)))).toEqual([]);
  });

  it("has a complete manifest, which its driver carries unchanged", () => {
    for (const key of Object.keys(manifest) as Array<keyof CloudManifest>) expect(driver[key]).toEqual(manifest[key]);
    expect(manifest.defaultRate).toBeGreaterThan(0);
    expect(manifest.describeBatchSize).toBeGreaterThan(0);
    for (const n of [...Object.values(manifest.rateLimits), ...Object.values(manifest.batchSizes)]) expect(n).toBeGreaterThan(0);
    expect(manifest.credentialHelp).toContain(manifest.credentialVariables.accessKey);
    expect(manifest.credentialHelp).toContain(manifest.credentialVariables.secretKey);
  });

  it("names in its field rules, secret and unreadable paths only inputs its schema has", () => {
    const paths = [...Object.keys(manifest.fieldRules).map((f) => f.split(".")), ...manifest.secretPaths, ...manifest.unreadablePaths];
    expect(paths.filter((p) => fieldAt(driver.schema, p) === undefined).map((p) => p.join("."))).toEqual([]);
  });

  it("round-trips valid inputs through its schema", () => {
    const parsed = driver.schema.safeParse(fleetInputs(cloud, "http://127.0.0.1:1", 2, "kit/test/fleet"));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(driver.schema.parse(parsed.data)).toEqual(parsed.data);
    expect(driver.desiredCount(parsed.data!)).toBe(2);
  });

  it("has a snapshot driver exactly when its manifest names a snapshot source field its snapshot schema has", () => {
    const snapshots = snapshotDrivers[cloud];
    expect(snapshots !== undefined).toBe(manifest.snapshotSourceField !== undefined);
    if (snapshots && manifest.snapshotSourceField) expect(fieldAt(snapshots.schema, [manifest.snapshotSourceField])).toBeDefined();
  });

  it("has one not-found predicate, in its errors module, that recognises the cloud's answer for a missing instance", async () => {
    const errors = (await import(`../../provider/clouds/${cloud}/errors`)) as { isNotFound?: (err: unknown) => boolean };
    expect(typeof errors.isNotFound).toBe("function");
    expect(notFoundProbes[cloud]).toBeDefined();
    const region = String(fleetInputs(cloud, lc.url, 1, "kit").region);
    const err = await notFoundProbes[cloud](contextFor(driver, { region, endpoint: lc.url }, Date.now() + 30_000)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeDefined();
    expect(errors.isNotFound!(err)).toBe(true);
  });

  it("has a table-driven status test over its own status module", () => {
    const text = read(`test/unit/${cloud}/status.test.ts`);
    expect(text).toContain(`provider/clouds/${cloud}/status"`);
    expect(text).toMatch(/(test|it)\.each[<(]/);
  });

  it("signs with a scheme whose unit test checks published vectors", () => {
    const scheme = /from "\.\.\/\.\.\/\.\.\/signing\/(\w+)"/.exec(read(`provider/clouds/${cloud}/client.ts`))?.[1];
    expect(scheme).toBeDefined();
    const text = read(`test/unit/signing/${scheme}.test.ts`);
    expect(text).toContain(`signing/${scheme}"`);
    expect(text).toMatch(/vector/i);
  });
});

let lc: LocalcloudHandle;
let served: string[] = [];
beforeAll(async () => {
  setStackConfig({ get: (key) => (key.endsWith("AccessKey") ? "localcloud" : key.endsWith("SecretKey") ? "localcloud-secret" : undefined) });
  lc = await startTestLocalcloud();
  served = ((await (await fetch(`${lc.url}/_localcloud/health`)).json()) as { clouds: string[] }).clouds;
});
afterAll(async () => {
  setStackConfig(undefined);
  await lc.close();
});
