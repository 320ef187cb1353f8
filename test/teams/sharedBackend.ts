import * as fs from "fs";
import * as path from "path";
import { ROOT, killTree } from "../support/engine";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { expectOk, instanceResources, reapPlugins, until } from "../reliability/support";
import { LOCK_MESSAGE, Machine, alive, snapshots, startBackend, type BackendKind, type BackendServer, type StackSpec } from "./support";

/** The Lightsail fleet of one region, its instances named fleet-1, fleet-2... */
const US: StackSpec = { example: "lightsail", stack: "us-east-1", knobs: { name: "fleet", count: 1 } };
/** The Lighthouse fleet of another region. */
const GZ: StackSpec = { example: "lighthouse", stack: "ap-guangzhou", knobs: { name: "gz", count: 1 } };
/** A golden snapshot in a stack of its own, of the first instance of US, found through a StackReference. */
const GOLDEN: StackSpec = { example: "snapshot-reference", stack: "golden", knobs: { fleetStack: "organization/lightfleet/us-east-1" } };

const sized = (spec: StackSpec, count: number): StackSpec => ({ ...spec, knobs: { ...spec.knobs, count } });
const sorted = (xs: string[]) => [...xs].sort();

/**
 * sharedBackendSuite: a team on one shared DIY state backend (PostgreSQL or S3), through the real engine against
 * localcloud. Stacks per region come up in parallel from different machines and read each other through
 * StackReferences; the backend's lock keeps a stack to one update at a time, survives a killed engine until
 * `pulumi cancel`; and a stack written on one machine is refreshed and destroyed from another. The backend URL is all
 * that differs between the two backends.
 */
export function sharedBackendSuite(kind: BackendKind, scenarios: { concurrentUps: boolean } = { concurrentUps: true }): void {
  jest.setTimeout(600_000);

  let backend: BackendServer;
  let lc: LocalcloudHandle;
  let a: Machine;
  let b: Machine;
  let c: Machine | undefined;

  beforeAll(async () => {
    backend = startBackend(kind);
    lc = await startTestLocalcloud({ timeScale: 0.05 });
    a = new Machine("a", backend, lc);
    b = new Machine("b", backend, lc);
    // A new backend creates its tables when first opened, and two engines opening it at once can race there (the
    // PostgreSQL backend's CREATE TABLE IF NOT EXISTS); a team's backend is opened once when it is set up.
    fs.mkdirSync(path.join(a.stateDir, "work"), { recursive: true });
    const login = await a.shell('pulumi login "$PULUMI_BACKEND_URL"');
    if (login.status !== 0) throw new Error(`pulumi login failed: ${login.output}`);
  }, 120_000);

  afterAll(async () => {
    // The engines and their plugins end with each operation; a failed test may have left a killed engine's plugin.
    for (const m of [a, b, c]) {
      if (!m) continue;
      reapPlugins(m.stateDir);
      m.forget();
    }
    await lc?.close();
    if (!backend) return;
    backend.stop();
    await until(async () => (alive(backend.pid) ? undefined : true), 30_000, `the ${kind} server (pid ${backend.pid}) to end`);
  });

  it("two region stacks come up in parallel from two machines; a third reads the first's outputs through a StackReference while the first is updated", async () => {
    const [us, gz] = await Promise.all([a.run("up", US), b.run("up", GZ)]);
    expect(expectOk(us).outputs!.instanceIds).toEqual(["fleet-1"]);
    expect(expectOk(gz).outputs!.instanceIds).toHaveLength(1);

    const [us2, golden] = await Promise.all([a.run("up", sized(US, 2)), b.run("up", GOLDEN)]);
    expect(expectOk(us2).outputs!.instanceIds).toEqual(["fleet-1", "fleet-2"]);
    const outputs = expectOk(golden).outputs as { source: string; snapshot: { name: string; fromInstanceName: string } };
    expect(outputs.source).toBe("fleet-1");
    expect(outputs.snapshot.fromInstanceName).toBe("fleet-1");
    expect((await snapshots(lc)).map((s) => s.name)).toEqual([outputs.snapshot.name]);
    expect(sorted((await lc.instances()).map((i) => i.id))).toEqual(sorted([...(us2.outputs!.instanceIds as string[]), ...(gz.outputs!.instanceIds as string[])]));
  });

  if (scenarios.concurrentUps) {
    it("of two concurrent ups of one stack, one proceeds and the other fails on the lock, changing nothing", async () => {
      // The first up's CreateInstances answer is held back 20 s: the second up surely arrives while the first holds the lock.
      await lc.faults([{ cloud: "lightsail", operation: "CreateInstances", kind: "slow", delayMs: 20_000, count: 1 }]);
      const first = a.start("up", sized(US, 3));
      await until(async () => ((await lc.instances("lightsail")).length >= 3 ? true : undefined), 120_000, "the first up's CreateInstances");

      const second = await b.run("up", sized(US, 4));
      expect(second.ok).toBe(false);
      expect(second.error).toMatch(LOCK_MESSAGE);
      expect(second.error).toContain(".pulumi/locks/organization/lightfleet/us-east-1/");
      expect(sorted((await lc.instances("lightsail")).map((i) => i.name))).toEqual(["fleet-1", "fleet-2", "fleet-3"]);

      const up = expectOk(await first.done);
      expect(up.outputs!.instanceIds).toEqual(["fleet-1", "fleet-2", "fleet-3"]);
      expect(sorted((await lc.instances("lightsail")).map((i) => i.name))).toEqual(["fleet-1", "fleet-2", "fleet-3"]);
      await lc.clearFaults();
    });
  }

  it("after an up is killed (SIGKILL), its lock holds until `pulumi cancel` from another machine; then refresh and up converge", async () => {
    await lc.faults([{ cloud: "lightsail", operation: "CreateInstances", kind: "slow", delayMs: 20_000, count: 1 }]);
    const killed = a.start("up", sized(US, 4));
    await until(async () => ((await lc.instances("lightsail")).length >= 4 ? true : undefined), 120_000, "the killed up's CreateInstances");
    killTree(killed.child);
    await killed.done;
    reapPlugins(a.stateDir);
    await lc.clearFaults();

    const blocked = await b.run("up", sized(US, 4));
    expect(blocked.ok).toBe(false);
    expect(blocked.error).toMatch(LOCK_MESSAGE);

    expectOk(await b.run("cancel", sized(US, 4)));
    expectOk(await b.run("refresh", sized(US, 4)));
    const up = expectOk(await b.run("up", sized(US, 4)));
    const ids = up.outputs!.instanceIds as string[];
    expect(ids).toEqual(["fleet-1", "fleet-2", "fleet-3", "fleet-4"]);
    // Every Lightsail instance is tracked by the stack once: no duplicate, no orphan.
    expect(sorted((await lc.instances("lightsail")).map((i) => i.id))).toEqual(ids);
    const resources = instanceResources(await b.run("export", US));
    expect(resources).toHaveLength(1);
    expect(resources[0].outputs.instanceIds).toEqual(ids);
  });

  it("a stack written on one machine is refreshed and destroyed from another that never saw it", async () => {
    // Machine A is gone with its work folder, Pulumi home and HOME; C starts from nothing but the backend URL.
    a.forget();
    c = new Machine("c", backend, lc);
    for (const spec of [US, GZ, GOLDEN]) {
      const exported = expectOk(await c.run("export", spec));
      const resources = (exported.deployment!.deployment.resources ?? []) as Array<{ outputs?: { __provider?: string } }>;
      const providers = resources.map((r) => r.outputs?.__provider).filter((p): p is string => typeof p === "string");
      expect(providers.length).toBeGreaterThan(0);
      // The serialized provider names the package, never a folder of the machine that wrote it.
      for (const provider of providers) {
        expect(provider).toContain('require("lightfleet/provider")');
        for (const machineDir of [a.stateDir, b.stateDir, ROOT]) expect(provider).not.toContain(machineDir);
      }
      expectOk(await c.run("refresh", spec.stack === US.stack ? sized(US, 4) : spec));
    }
    for (const spec of [GOLDEN, GZ, sized(US, 4)]) expectOk(await c.run("destroy", spec));
    expect(await lc.instances()).toEqual([]);
    expect(await snapshots(lc)).toEqual([]);
  });
}
