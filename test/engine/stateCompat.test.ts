import { localcloudConfig, newStateDir, runStack, type StackResult } from "../support/engine";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

function expectOk(r: StackResult): StackResult {
  if (!r.ok) throw new Error(`engine operation failed: ${r.error}\n${r.log.slice(-3000)}`);
  return r;
}

/**
 * A stack whose state was written by the former serialized provider (seven closures) keeps working with the current
 * code: the current program sees no change, and destroy, which runs the provider stored in state, deletes the fleet.
 */
describe("a state written by the former serialized provider", () => {
  let lc: LocalcloudHandle;
  const stateDir = newStateDir("compat");
  let config: Record<string, string | number>;
  let secrets: Record<string, string>;
  const run = (op: string, knobs: Record<string, string | number> = {}) =>
    runStack(op, { example: "state-compat", stack: "compat", stateDir, config: { ...config, count: 1, ...knobs }, secrets });

  beforeAll(async () => {
    lc = await startTestLocalcloud();
    ({ config, secrets } = localcloudConfig(lc.url));
  });
  afterAll(async () => {
    await lc.close();
  });

  it("is previewed without changes by the current program and destroyed by the current code", async () => {
    const up = expectOk(await run("up", { provider: "legacy" }));
    expect(up.outputs!.instanceIds as string[]).toHaveLength(1);
    const exported = expectOk(await run("export"));
    const fleet = exported.deployment!.deployment.resources!.find((r) => String(r.type).endsWith("lightfleet:Instance"))!;
    // The stored provider is the legacy one: a method a closure.
    expect(String((fleet.outputs as Record<string, unknown>).__provider)).toContain(".instance.delete(");
    const preview = expectOk(await run("preview", { provider: "current" }));
    expect(preview.changeSummary).toEqual({ same: 2 });
    expectOk(await run("destroy", { provider: "current" }));
    expect(await lc.instances("lighthouse")).toHaveLength(0);
  }, 5 * 60_000);
});
