import { localcloudConfig, newStateDir, runStack, type StackResult } from "../support/engine";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

function expectOk(r: StackResult): StackResult {
  if (!r.ok) throw new Error(`engine operation failed: ${r.error}\n${r.log.slice(-3000)}`);
  return r;
}

/**
 * A stack whose state was written by a former serialized provider (seven closures, then one `configure` closure) keeps
 * working with the current code: the current program sees no change, and destroy, which runs the provider stored in
 * state, deletes the fleet. The current program's own provider module is a line that names the package.
 */
describe("a state written by a former serialized provider", () => {
  let lc: LocalcloudHandle;
  let config: Record<string, string | number>;
  let secrets: Record<string, string>;
  const runIn = (stateDir: string) => (op: string, knobs: Record<string, string | number> = {}) =>
    runStack(op, { example: "state-compat", stack: "compat", stateDir, config: { ...config, count: 1, ...knobs }, secrets });
  const providerOf = async (run: ReturnType<typeof runIn>) => {
    const exported = expectOk(await run("export"));
    const fleet = exported.deployment!.deployment.resources!.find((r) => String(r.type).endsWith("lightfleet:Instance"))!;
    return String((fleet.outputs as Record<string, unknown>).__provider);
  };

  beforeAll(async () => {
    lc = await startTestLocalcloud();
    ({ config, secrets } = localcloudConfig(lc.url));
  });
  afterAll(async () => {
    await lc.close();
  });

  it.each([
    ["legacy", ".instance.delete("],
    ["attach", '.attach(this, "instance", req)'],
  ])("written by the %s provider is previewed without changes by the current program and destroyed by the current code", async (former, marker) => {
    const run = runIn(newStateDir(`compat-${former}`));
    const up = expectOk(await run("up", { provider: former }));
    expect(up.outputs!.instanceIds as string[]).toHaveLength(1);
    expect(await providerOf(run)).toContain(marker);
    const preview = expectOk(await run("preview", { provider: "current" }));
    expect(preview.changeSummary).toEqual({ same: 2 });
    expectOk(await run("destroy", { provider: "current" }));
    expect(await lc.instances("lighthouse")).toHaveLength(0);
  }, 5 * 60_000);

  it("the current program stores a one-line provider module that names the package", async () => {
    const run = runIn(newStateDir("compat-current"));
    expectOk(await run("up", { provider: "current" }));
    expect(await providerOf(run)).toBe('exports.handler=()=>require("lightfleet/provider").instance');
    expectOk(await run("destroy", { provider: "current" }));
    expect(await lc.instances("lighthouse")).toHaveLength(0);
  }, 5 * 60_000);
});
