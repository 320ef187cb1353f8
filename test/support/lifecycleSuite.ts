import { drivers } from "../../provider/clouds/registry";
import { contextFor } from "../../provider/core/context";
import { setStackConfig } from "../../provider/core/stackConfig";
import type { CloudName } from "../../provider/core/types";
import { localcloudConfig, newStateDir, runStack, type StackResult } from "./engine";
import { startTestLocalcloud, type LocalcloudHandle } from "./localcloud";

/** CloudCase describes one cloud's example program for the end-to-end lifecycle suite. */
export interface CloudCase {
  cloud: CloudName;
  region: string;
  /** The state localcloud reports for a running instance. */
  running: string;
  /** An image (or blueprint) different from the example's default: changing it replaces the fleet. */
  otherImage: string;
}

/** asCloudAdmin lets the test itself call the cloud "behind Pulumi's back" with localcloud's credentials. */
export function asCloudAdmin(): void {
  setStackConfig({ get: (k: string) => (k.endsWith("AccessKey") ? "localcloud" : k.endsWith("SecretKey") ? "localcloud-secret" : undefined) });
}

/** DETAIL are the per-instance fields each cloud's describe call gives the instances output. */
const DETAIL: Record<CloudName, string[]> = {
  lightsail: ["arn", "username", "isStaticIp", "cpuCount", "ramSizeInGb", "blueprintId", "bundleId"],
  lighthouse: ["cpuCount", "ramSizeInGb", "blueprintId", "bundleId", "chargeType", "expiresAt"],
  zenlayer: ["instanceType", "cpuCount", "ramSizeInGb", "imageId", "chargeType"],
  jdcloud: ["instanceType", "imageId", "chargeType", "expiresAt"],
};

function expectOk(r: StackResult): StackResult {
  if (!r.ok) throw new Error(`engine operation failed: ${r.error}\n${r.log.slice(-3000)}`);
  return r;
}

/**
 * lifecycleSuite runs a cloud's example through the real engine against localcloud: up, refresh, preview of an
 * in-place change and of a replacing change, apply, recovery from an instance deleted behind Pulumi's back, growing
 * and shrinking in place, and destroy leaving localcloud empty.
 */
export function lifecycleSuite(c: CloudCase): void {
  describe(`${c.cloud} fleet through the real engine`, () => {
    let lc: LocalcloudHandle;
    const stateDir = newStateDir(c.cloud);
    let config: Record<string, string | number>;
    let secrets: Record<string, string>;
    const run = (op: string, knobs: Record<string, string | number> = {}, extra: string[] = []) =>
      runStack(op, { example: c.cloud, stack: "e2e", stateDir, config: { ...config, ...knobs }, secrets, extra });

    beforeAll(async () => {
      lc = await startTestLocalcloud();
      ({ config, secrets } = localcloudConfig(lc.url));
      asCloudAdmin();
    });
    afterAll(async () => {
      await run("destroy");
      await lc.close();
    });

    it("up creates the fleet and reports it only once every instance runs with its addresses", async () => {
      const r = expectOk(await run("up"));
      const ids = r.outputs!.instanceIds as string[];
      expect(ids).toHaveLength(2);
      expect((r.outputs!.publicIps as string[]).every((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip))).toBe(true);
      const held = await lc.instances(c.cloud);
      expect(held.map((i) => i.id).sort()).toEqual([...ids].sort());
      expect(held.every((i) => i.state === c.running && i.publicIp)).toBe(true);
      // The instances output speaks one vocabulary on every cloud, times in UTC, with the cloud's detail.
      for (const i of r.outputs!.instances as Array<Record<string, unknown>>) {
        expect(i).toMatchObject({ state: "running", cloudState: c.running });
        expect(i.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        expect(Math.abs(Date.parse(String(i.createdAt)) - Date.now())).toBeLessThan(15 * 60_000);
        expect(Object.keys(i)).toEqual(expect.arrayContaining(DETAIL[c.cloud]));
      }
      if (c.cloud !== "jdcloud") expect(held.every((i) => i.tags.env === "demo" && i.tags["lightfleet-owner"] === `lightfleet/e2e/${c.cloud}-web`)).toBe(true);
    });

    it("refresh finds no changes", async () => {
      expectOk(await run("refresh", {}, ["--expect-no-changes"]));
    });

    it("preview shows an update for a tag or name change and a replace for an image change", async () => {
      const tag = expectOk(await run("preview", { env: "prod", name: "renamed" }));
      expect(tag.changeSummary).toMatchObject({ update: 1 });
      expect(tag.changeSummary!.replace ?? 0).toBe(0);
      const image = expectOk(await run("preview", { image: c.otherImage }));
      expect(image.changeSummary).toMatchObject({ replace: 1 });
    });

    it("up applies the tag and name change in place", async () => {
      const before = (await lc.instances(c.cloud)).length;
      const r = expectOk(await run("up", { env: "prod", name: "renamed" }));
      expect(r.summary).toMatchObject({ update: 1 });
      const held = await lc.instances(c.cloud);
      expect(held).toHaveLength(before);
      if (c.cloud !== "jdcloud") expect(held.every((i) => i.tags.env === "prod")).toBe(true);
      expect(held.every((i) => i.name.startsWith("renamed"))).toBe(true);
    });

    it("re-creates an instance deleted behind Pulumi's back on the next up", async () => {
      const [victim] = await lc.instances(c.cloud);
      const driver = drivers[c.cloud];
      await driver.delete(contextFor(driver, { region: c.region, endpoint: lc.url }, Date.now() + 60_000), [victim.id]);
      expect(await lc.instances(c.cloud)).toHaveLength(1);
      const r = expectOk(await run("up", { env: "prod", name: "renamed" }));
      expect(r.outputs!.instanceIds as string[]).toHaveLength(2);
      // Lightsail names are ids, so the replacement comes back under the same id; elsewhere it is a new instance.
      if (c.cloud !== "lightsail") expect(r.outputs!.instanceIds as string[]).not.toContain(victim.id);
      expect(await lc.instances(c.cloud)).toHaveLength(2);
    });

    it("grows to three and shrinks to one in place", async () => {
      const grow = expectOk(await run("up", { env: "prod", name: "renamed", count: 3 }));
      expect(grow.summary).toMatchObject({ update: 1 });
      expect(grow.outputs!.instanceIds as string[]).toHaveLength(3);
      expect(await lc.instances(c.cloud)).toHaveLength(3);
      const shrink = expectOk(await run("up", { env: "prod", name: "renamed", count: 1 }));
      expect(shrink.summary).toMatchObject({ update: 1 });
      expect(shrink.outputs!.instanceIds as string[]).toHaveLength(1);
      expect(await lc.instances(c.cloud)).toHaveLength(1);
    });

    it("destroy leaves localcloud empty", async () => {
      expectOk(await run("destroy"));
      expect(await lc.instances(c.cloud)).toHaveLength(0);
    });
  });
}
