import * as fs from "fs";
import * as path from "path";
import { localcloudConfig, newStateDir, runStack, type StackResult } from "../support/engine";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import type { BadInput } from "../../examples/reliability-corpus";

/**
 * Catalogue checks at preview: on the clouds without a dry run (Lightsail, Zenlayer, JD Cloud), an image, plan, zone
 * or subnet the cloud does not sell fails `pulumi preview` naming the property and listing valid choices, before any
 * create (or, for a Lightsail replacement, any delete); the lookups are shared by every resource asking the same.
 */
jest.setTimeout(600_000);

type Entry = Pick<BadInput, "name" | "cloud" | "patch">;

/** The clouds without a dry run, whose preview asks the catalogue (Lighthouse asks its DryRun instead). */
type CatalogCloud = Exclude<BadInput["cloud"], "lighthouse">;

/** WRONG puts ids each cloud's catalogue lacks into an otherwise valid fleet. */
const WRONG: Record<CatalogCloud, { patch: Record<string, unknown>; shown: string[] }> = {
  lightsail: {
    patch: { bundleId: "nano_9_9", blueprintId: "ubuntu_99_04" },
    shown: ['property bundleId: "nano_9_9"', "nano_3_0", 'property blueprintId: "ubuntu_99_04"', "ubuntu_22_04"],
  },
  zenlayer: {
    patch: { imageId: "img-ubuntu-9904-x64", instanceType: "c.9c9g", subnetId: "subnet-nowhere" },
    shown: ['property imageId: "img-ubuntu-9904-x64"', "img-ubuntu-2204-x64", 'property instanceType: "c.9c9g"', "c.1c2g", 'property subnetId: "subnet-nowhere"', "subnet-hk-a-default"],
  },
  jdcloud: {
    patch: { instanceSpec: { imageId: "img-ubuntu9904", instanceType: "g.n9.huge", primaryNetworkInterface: { subnetId: "subnet-nowhere" } } },
    shown: [
      'property instanceSpec.imageId: "img-ubuntu9904"',
      "img-ubuntu2204",
      'property instanceSpec.instanceType: "g.n9.huge"',
      "g.n2.large",
      'property instanceSpec.primaryNetworkInterface.subnetId: "subnet-nowhere"',
      "subnet-n1web",
    ],
  },
};

/** LOOKUPS are the catalogue calls each cloud's preview makes. */
const LOOKUPS: Record<CatalogCloud, string[]> = {
  lightsail: ["GetRegions", "GetBlueprints", "GetBundles"],
  zenlayer: ["DescribeZones", "DescribeZoneInstanceConfigInfos", "DescribeImages", "DescribeSubnets"],
  jdcloud: ["describeInstanceTypes", "describeImage", "describeSubnets", "describeUsage"],
};

const CREATES = ["CreateInstances", "createInstances"];

describe("catalogue checks at preview", () => {
  let lc: LocalcloudHandle;
  const work = newStateDir("catalog");

  beforeAll(async () => {
    lc = await startTestLocalcloud({ timeScale: 0.01 });
  });
  afterAll(async () => {
    await lc?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** preview runs the corpus program (one Instance an entry) as a preview of a fresh stack. */
  async function preview(stack: string, entries: Entry[]): Promise<StackResult> {
    const file = path.join(work, `${stack}.json`);
    fs.writeFileSync(file, JSON.stringify(entries));
    const { config, secrets } = localcloudConfig(lc.url);
    return runStack("preview", { example: "reliability-corpus", stack, stateDir: path.join(work, stack), config: { ...config, corpus: file }, secrets });
  }

  const creates = async () => {
    const calls = (await lc.stats()).calls;
    return Object.values(calls).reduce((n, ops) => n + CREATES.reduce((m, op) => m + (ops[op] ?? 0), 0), 0);
  };

  for (const cloud of ["lightsail", "zenlayer", "jdcloud"] as const) {
    it(`a ${cloud} fleet with a wrong image, plan or subnet fails at preview naming each property with valid choices, and nothing is created`, async () => {
      const r = await preview(`wrong-${cloud}`, [{ name: `wrong-${cloud}`, cloud, patch: WRONG[cloud].patch }]);
      expect(r.ok).toBe(false);
      const said = `${r.error}\n${r.log}`;
      for (const words of WRONG[cloud].shown) expect(said).toContain(words);
      expect(await creates()).toBe(0);
    });
  }

  it("a preview of 20 resources makes each catalogue lookup once per distinct configuration", async () => {
    await fetch(`${lc.url}/_localcloud/stats/reset`, { method: "POST" });
    const clouds = ["lightsail", "zenlayer", "jdcloud"] as const;
    const entries: Entry[] = Array.from({ length: 20 }, (_, i) => ({ name: `fleet-${i + 1}`, cloud: clouds[i % 3], patch: {} }));
    const r = await preview("twenty", entries);
    if (!r.ok) throw new Error(`preview failed: ${r.error}\n${r.log.slice(-3000)}`);
    const calls = (await lc.stats()).calls;
    for (const cloud of clouds) {
      for (const op of LOOKUPS[cloud]) expect(`${cloud} ${op} ${calls[cloud]?.[op] ?? 0}`).toBe(`${cloud} ${op} 1`);
    }
    expect(await creates()).toBe(0);
  });

  it("a Lightsail bundleId typo on a running fleet fails preview and up before the replacement deletes anything", async () => {
    const stateDir = path.join(work, "typo");
    const { config, secrets } = localcloudConfig(lc.url);
    const run = (op: string, plan?: string) =>
      runStack(op, { example: "lightsail", stack: "typo", stateDir, config: { ...config, count: 2, name: "typo", ...(plan ? { plan } : {}) }, secrets });
    const up = await run("up");
    if (!up.ok) throw new Error(`up failed: ${up.error}\n${up.log.slice(-3000)}`);
    const running = async () => (await lc.instances("lightsail")).filter((i) => i.name.startsWith("typo-") && i.state === "running").map((i) => i.name).sort();
    expect(await running()).toEqual(["typo-1", "typo-2"]);

    for (const op of ["preview", "up"]) {
      const r = await run(op, "nano_9_9");
      expect(r.ok).toBe(false);
      expect(`${r.error}\n${r.log}`).toContain('property bundleId: "nano_9_9"');
      expect(`${r.error}\n${r.log}`).toContain("nano_3_0");
    }
    expect(await running()).toEqual(["typo-1", "typo-2"]);
    expect((await lc.stats()).calls.lightsail?.DeleteInstance ?? 0).toBe(0);
  });
});
