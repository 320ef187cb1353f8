import { localcloudConfig, newStateDir, runStack, type StackResult } from "../support/engine";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { CLOUDS } from "../../provider/core/types";

function expectOk(r: StackResult): StackResult {
  if (!r.ok) throw new Error(`engine operation failed: ${r.error}\n${r.log.slice(-3000)}`);
  return r;
}

/**
 * One program that names none of its fleets, run as a dev and a prod stack on one account: each stack's fleets get
 * their own names, which neither an update nor a rename with aliases changes, and a rename touches no instance.
 */
describe("fleets without names", () => {
  let lc: LocalcloudHandle;
  const stateDir = newStateDir("autonaming");
  let config: Record<string, string | number | boolean>;
  let secrets: Record<string, string>;
  const run = (op: string, stack: string, knobs: Record<string, string | number | boolean> = {}) =>
    runStack(op, { example: "auto-naming", stack, stateDir, config: { ...config, ...knobs }, secrets });
  const tagsByName = async () => Object.fromEntries((await lc.instances()).map((i) => [`${i.cloud}/${i.id}`, { name: i.name, tags: i.tags }]));

  beforeAll(async () => {
    lc = await startTestLocalcloud();
    ({ config, secrets } = localcloudConfig(lc.url));
  });
  afterAll(async () => {
    await lc.close();
  });

  it("come up side by side in two stacks, keep their names across an update, and a rename with aliases changes nothing", async () => {
    const [dev, prod] = await Promise.all([run("up", "dev", { count: 2 }), run("up", "prod", { count: 2 })]);
    const devNames = expectOk(dev).outputs!.names as string[][];
    const prodNames = expectOk(prod).outputs!.names as string[][];
    CLOUDS.forEach((cloud, i) => {
      for (const name of devNames[i]) expect(name).toMatch(new RegExp(`^${cloud}-app-[a-z0-9]{7}`));
      expect(devNames[i].some((n) => prodNames[i].includes(n))).toBe(false);
    });
    expect(devNames[0]).toEqual([expect.stringMatching(/-1$/), expect.stringMatching(/-2$/)]);
    expect(await lc.instances()).toHaveLength(2 * 2 * CLOUDS.length);

    const updated = expectOk(await run("up", "dev", { count: 2, env: "changed" }));
    expect(updated.summary).toMatchObject({ update: CLOUDS.length });
    expect(updated.outputs!.names).toEqual(devNames);

    const before = await tagsByName();
    const preview = expectOk(await run("preview", "dev", { count: 2, env: "changed", renamed: true }));
    expect(Object.keys(preview.changeSummary!).filter((k) => k !== "same")).toEqual([]);
    const renamed = expectOk(await run("up", "dev", { count: 2, env: "changed", renamed: true }));
    expect(renamed.outputs!.names).toEqual(devNames);
    expect(await tagsByName()).toEqual(before);
  }, 10 * 60_000);
});
