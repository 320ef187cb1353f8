import { killTree } from "../support/engine";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { CLOUDS, HEAVY, PROVIDER_PROCESS, Stack, expectExactlyTracked, expectOk, reapPlugins, seededRandom, until } from "./support";

/**
 * Crash during destroy: at a random point of a `destroy` of a fleet on each of the four clouds, either the engine
 * (the `pulumi` CLI's process tree) or only the dynamic-provider process is killed with SIGKILL, which leaves
 * instances isolated (Lighthouse SHUTDOWN), in the recycle bin (Zenlayer RECYCLE) or otherwise on their way out. After
 * `refresh`, an `up` brings every fleet back running (instances on their way out do not count as the fleet) and a
 * `destroy` finishes the half-done one. The seed is printed so that a failure can be replayed.
 */
jest.setTimeout(900_000);

const TRIALS = HEAVY ? 10 : 2;
const FLEET = 3;
/** Slow enough that a delete lasts a few seconds, so a kill lands inside it. */
const TIME_SCALE = 0.05;
/** The states of an instance on its way out, as localcloud reports them on each cloud. */
const LEAVING = /^(SHUTDOWN|TERMINATING|DELETING|RECYCLING|RECYCLE|RELEASING|shutting-down|deleting)$/i;

describe("a crash during destroy", () => {
  let lc: LocalcloudHandle;
  let stack: Stack;

  beforeAll(async () => {
    lc = await startTestLocalcloud({ timeScale: TIME_SCALE });
    stack = new Stack(lc, "reliability-fleets", "destroy");
    expectOk(await stack.run("up", { count: FLEET }));
  });
  afterAll(async () => {
    await stack.run("destroy");
    await lc.close();
  });

  it(`${TRIALS} trials on every cloud: SIGKILL at a random point, then refresh and up bring the fleets back; destroy finishes a half-done one`, async () => {
    const random = seededRandom("destroy crash");
    const knobs = { count: FLEET };
    for (let trial = 0; trial < TRIALS; trial++) {
      const { child, done } = stack.start("destroy", knobs);
      let finished = false;
      void done.then(() => (finished = true));
      // The crash point is drawn from the second after the first instance is seen on its way out (isolated, in the
      // recycle bin, deleting): the time when a crash leaves a half-deleted fleet behind.
      await until(async () => (finished || (await lc.instances()).some((i) => LEAVING.test(i.state)) ? true : undefined), 120_000, "the delete to start");
      const delay = Math.floor(random.next() * 1000);
      const providerOnly = random.next() < 0.5;
      await new Promise((r) => setTimeout(r, delay));
      const crashed = !finished;
      if (providerOnly) reapPlugins(stack.stateDir, PROVIDER_PROCESS);
      else if (crashed) {
        try {
          killTree(child);
        } catch {
          // The destroy ended by itself between the look and the kill.
        }
      }
      await done;
      reapPlugins(stack.stateDir);
      const what = providerOnly ? "dynamic provider" : "engine";
      console.log(`destroy crash, trial ${trial}: ${crashed ? `${what} killed ${delay} ms after an instance was first seen on its way out` : "the destroy ended before the kill"}`);

      if (!providerOnly && crashed) expectOk(await stack.run("cancel", knobs));
      expectOk(await stack.run("refresh", knobs));
      if (trial % 2 === 1) {
        // The user meant to destroy: the next destroy finishes the half-done one and leaves nothing behind.
        expectOk(await stack.run("destroy", knobs));
        expect((await lc.instances()).map((i) => `${i.cloud} ${i.id} ${i.state}`)).toEqual([]);
      }
      expectOk(await stack.run("up", knobs));
      await expectExactlyTracked(stack, CLOUDS, FLEET);
    }
  });
});
