import { runStack, localcloudConfig, newStateDir } from "../support/engine";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { CLOUDS, Stack, expectOk } from "./support";

/**
 * A stack that lives many lifetimes: CI pipelines create and destroy the same ephemeral stack (same name, same inputs)
 * again and again. Each lifetime's create must cost exactly one CreateInstances per resource on every cloud (never a
 * replay of an earlier lifetime's client token, which answers with that lifetime's deleted instances), and every `up`
 * must bring the fleet up.
 */
jest.setTimeout(900_000);

const LIFETIMES = 8;
/** The Lighthouse check-time DryRun is a CreateInstances call too: one per run for a configuration. */
const DRY_RUNS: Record<string, number> = { lighthouse: 1 };

/** createCalls reads localcloud's count of each cloud's CreateInstances calls. */
async function createCalls(lc: LocalcloudHandle): Promise<Record<string, number>> {
  const { calls } = await lc.stats();
  return Object.fromEntries(CLOUDS.map((c) => [c.cloud, calls[c.cloud]?.[c.createOperation] ?? 0]));
}

describe("a stack that lives many lifetimes", () => {
  let lc: LocalcloudHandle;

  beforeAll(async () => {
    lc = await startTestLocalcloud();
  });
  afterAll(() => lc.close());

  it(`${LIFETIMES} lifetimes of one stack on every cloud: each up makes one CreateInstances per resource and brings the fleet up`, async () => {
    const stack = new Stack(lc, "reliability-fleets", "lifetimes");
    const perLifetime: Array<Record<string, number>> = [];
    for (let lifetime = 0; lifetime < LIFETIMES; lifetime++) {
      const before = await createCalls(lc);
      const up = expectOk(await stack.run("up", { count: 1 }));
      const after = await createCalls(lc);
      perLifetime.push(Object.fromEntries(CLOUDS.map((c) => [c.cloud, after[c.cloud] - before[c.cloud] - (DRY_RUNS[c.cloud] ?? 0)])));
      // One running instance on each cloud, each the one the state records.
      const ids = up.outputs!.instanceIds as string[];
      expect(ids).toHaveLength(CLOUDS.length);
      const held = await lc.instances();
      expect(held.map((i) => `${i.id} ${i.state.toLowerCase()}`).sort()).toEqual([...ids].sort().map((id) => `${id} running`));
      expectOk(await stack.run("destroy", { count: 1 }));
      expect(await lc.instances()).toEqual([]);
    }
    expect(perLifetime).toEqual(Array.from({ length: LIFETIMES }, () => Object.fromEntries(CLOUDS.map((c) => [c.cloud, 1]))));
  });

  it.each(["lighthouse", "jdcloud"])("re-creating a destroyed stack of 5 resources on %s makes 5 CreateInstances", async (cloud) => {
    const stateDir = newStateDir(`lifetimes-${cloud}`);
    const { config, secrets } = localcloudConfig(lc.url);
    const run = (op: string) => runStack(op, { example: "bench-fleet", stack: "recreate", stateDir, config: { ...config, cloud, resources: 5 }, secrets });
    const op = CLOUDS.find((c) => c.cloud === cloud)!.createOperation;
    expectOk(await run("up"));
    expectOk(await run("destroy"));
    const before = (await lc.stats()).calls[cloud]?.[op] ?? 0;
    expectOk(await run("up"));
    const made = ((await lc.stats()).calls[cloud]?.[op] ?? 0) - before;
    expect(made - (DRY_RUNS[cloud] ?? 0)).toBe(5);
    expectOk(await run("destroy"));
    expect(await lc.instances(cloud)).toEqual([]);
  });
});
