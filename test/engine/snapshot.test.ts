import { localcloudConfig, newStateDir, runStack } from "../support/engine";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

jest.setTimeout(240_000);

/** snapshotStack gives a describe block its own localcloud and stack of one example, destroyed afterwards. */
function snapshotStack(example: string) {
  const stateDir = newStateDir(example);
  const env = { lc: undefined as unknown as LocalcloudHandle, cfg: undefined as unknown as ReturnType<typeof localcloudConfig> };
  const run = (op: string, knobs: Record<string, string> = {}, extra: string[] = []) =>
    runStack(op, { example, stack: "snap", stateDir, config: { ...env.cfg.config, ...knobs }, secrets: env.cfg.secrets, extra });
  const snapshots = async () =>
    ((await (await fetch(`${env.lc.url}/_localcloud/snapshots`)).json()) as { snapshots: Array<{ id: string; name: string; state: string }> }).snapshots;
  beforeAll(async () => {
    env.lc = await startTestLocalcloud();
    env.cfg = localcloudConfig(env.lc.url);
  });
  afterAll(async () => {
    await run("destroy");
    await env.lc.close();
  });
  return { env, run, snapshots };
}

describe("instance snapshots and instances created from them, through the real engine", () => {
  const { env, run, snapshots } = snapshotStack("snapshot");

  it("creates an instance, its snapshot and two instances from the snapshot, in order", async () => {
    const up = await run("up");
    expect(up.error).toBeUndefined();
    const snap = up.outputs!.snapshot as { name: string; state: string; fromBundleId: string };
    expect(snap).toMatchObject({ name: "base-1-golden", state: "available", fromBundleId: "micro_3_0" });
    const clones = up.outputs!.clones as Array<{ name: string; state: string; publicIp: string }>;
    expect(clones.map((c) => c.name)).toEqual(["clone-1", "clone-2"]);
    expect(clones.every((c) => c.state === "running" && c.publicIp)).toBe(true);
    expect((await env.lc.instances("lightsail")).map((i) => i.name).sort()).toEqual(["base-1", "clone-1", "clone-2"]);
    expect((await snapshots()).map((s) => s.name)).toEqual(["base-1-golden"]);
  });

  it("refreshes with no changes", async () => {
    const r = await run("refresh", {}, ["--expect-no-changes"]);
    expect(r.error).toBeUndefined();
  });

  it("refuses a bundle smaller than the snapshot's at preview, before anything is deleted", async () => {
    const preview = await run("preview", { plan: "nano_3_0" });
    expect(preview.ok).toBe(false);
    expect(preview.error).toMatch(/bundleId nano_3_0 is smaller than micro_3_0/);
    const up = await run("up", { plan: "nano_3_0" });
    expect(up.ok).toBe(false);
    expect((await env.lc.instances("lightsail")).map((i) => i.name).sort()).toEqual(["base-1", "clone-1", "clone-2"]);
  });

  it("rejects an invalid snapshot name at preview, naming the property and the rule", async () => {
    const preview = await run("preview", { snapshotName: "-golden-" });
    expect(preview.ok).toBe(false);
    expect(preview.error).toMatch(/property instanceSnapshotName .* must use only letters, numbers, underscores and hyphens, and start and end with a letter, number or underscore/);
  });

  it("destroys instances before the snapshot they came from and the snapshot before its instance, leaving nothing", async () => {
    const r = await run("destroy");
    expect(r.error).toBeUndefined();
    expect(await env.lc.instances()).toHaveLength(0);
    expect(await snapshots()).toHaveLength(0);
  });
});

describe("Lighthouse instance snapshots through the real engine", () => {
  const { env, run, snapshots } = snapshotStack("snapshot-lighthouse");

  it("creates the snapshot once its instance runs and reports it NORMAL", async () => {
    const up = await run("up");
    expect(up.error).toBeUndefined();
    const snap = up.outputs!.snapshot as { id: string; name: string; state: string };
    expect(snap).toMatchObject({ name: "app-before-upgrade", state: "NORMAL" });
    expect(snap.id).toMatch(/^lhsnap-/);
    expect(await snapshots()).toEqual([expect.objectContaining({ id: snap.id, state: "NORMAL" })]);
  });

  it("refreshes with no changes and destroys the snapshot before the instance", async () => {
    expect((await run("refresh", {}, ["--expect-no-changes"])).error).toBeUndefined();
    expect((await run("destroy")).error).toBeUndefined();
    expect(await snapshots()).toHaveLength(0);
    expect(await env.lc.instances()).toHaveLength(0);
  });
});
