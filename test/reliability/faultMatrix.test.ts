import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { CLOUDS, Stack, expectOk } from "./support";

/**
 * The fault matrix: with localcloud throttling 20% of the calls, answering 5xx to 5%, resetting 2% of the connections
 * and answering 1% slower than the client waits, on every operation, an up of a fleet of 20, a refresh and a destroy
 * succeed without a user-visible error, no instance is created twice, and nothing is left behind.
 * LIGHTFLEET_RELIABILITY_HEAVY=1 raises the fleet to 50 and the slow answers to 5%.
 */
const HEAVY = process.env.LIGHTFLEET_RELIABILITY_HEAVY === "1";
const FLEET = HEAVY ? 50 : 20;
/** The client gives up on an attempt after this long; a `slow` answer comes later, after the cloud did the work. */
const TIMEOUT_MS = 1500;

jest.setTimeout(600_000);

describe.each(CLOUDS)("fault matrix on $cloud", (c) => {
  let lc: LocalcloudHandle;
  let stack: Stack;
  let previousTimeout: string | undefined;

  beforeAll(async () => {
    previousTimeout = process.env.LIGHTFLEET_HTTP_TIMEOUT_MS;
    // The engine's dynamic-provider process inherits this from the stack runner the test starts.
    process.env.LIGHTFLEET_HTTP_TIMEOUT_MS = String(TIMEOUT_MS);
    lc = await startTestLocalcloud();
    stack = new Stack(lc, c.example, "faults");
    await lc.faults([
      { cloud: c.cloud, kind: "throttle", rate: 0.2 },
      { cloud: c.cloud, kind: "error5xx", rate: 0.05 },
      { cloud: c.cloud, kind: "reset", rate: 0.02 },
      { cloud: c.cloud, kind: "slow", rate: HEAVY ? 0.05 : 0.01, delayMs: TIMEOUT_MS + 1000 },
      // A fleet of 20 costs a few dozen calls, so the rates alone may miss the hard case: make sure the create call
      // itself is reset, throttled, answered 5xx and answered too late (after the cloud created the instances).
      ...(["reset", "throttle", "error5xx", "slow"] as const).map((kind) => ({
        cloud: c.cloud,
        operation: c.createOperation,
        kind,
        count: 1,
        delayMs: TIMEOUT_MS + 1000,
      })),
    ]);
  });

  afterAll(async () => {
    if (previousTimeout === undefined) delete process.env.LIGHTFLEET_HTTP_TIMEOUT_MS;
    else process.env.LIGHTFLEET_HTTP_TIMEOUT_MS = previousTimeout;
    await lc.clearFaults();
    await stack.run("destroy");
    await lc.close();
  });

  it(`up of ${FLEET}, refresh and destroy succeed with no duplicate and no leak`, async () => {
    const up = expectOk(await stack.run("up", { count: FLEET }));
    const ids = up.outputs!.instanceIds as string[];
    expect(ids).toHaveLength(FLEET);
    expect(new Set(ids).size).toBe(FLEET);
    const held = await lc.instances(c.cloud);
    // Exactly the fleet exists: a create that timed out and was asked again did not create a second batch.
    expect(held.map((i) => i.id).sort()).toEqual([...ids].sort());

    expectOk(await stack.run("refresh", { count: FLEET }));
    expect((await lc.instances(c.cloud)).map((i) => i.id).sort()).toEqual([...ids].sort());

    expectOk(await stack.run("destroy", { count: FLEET }));
    expect(await lc.instances(c.cloud)).toHaveLength(0);

    const stats = await lc.stats();
    const injected = Object.fromEntries(Object.entries(stats.faults).filter(([k]) => k.startsWith(`${c.cloud}.`)));
    const calls = Object.values(stats.calls[c.cloud] ?? {}).reduce((a, b) => a + b, 0);
    const retries = Object.entries(injected).map(([k, n]) => `${k.split(".")[1]} ${n}`).join(", ");
    // Every injected fault failed one attempt that lightfleet then repeated (or, for a create, looked into first).
    console.log(`${c.cloud}: up/refresh/destroy of ${FLEET} made ${calls} API calls; retries caused by each fault: ${retries}; rate-limit throttles ${stats.throttled}`);
    for (const kind of ["reset", "throttle", "error5xx", "slow"]) expect(injected[`${c.cloud}.${kind}`]).toBeGreaterThan(0);
  });
});
