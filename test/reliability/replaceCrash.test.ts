import { killTree } from "../support/engine";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { CLOUDS, HEAVY, Stack, expectExactlyTracked, expectOk, reapPlugins, seededRandom, until } from "./support";

/**
 * Crash during a replacing update: an `up` that changes the image of a fleet on each of the four clouds (a replace:
 * create the new fleet, delete the old one; delete first where names must be unique) has its engine (the `pulumi`
 * CLI's process tree) killed with SIGKILL at a random point: while the new fleet is created, after CreateInstances
 * answered, while the old fleet is deleted. After `refresh` (which drops the pending create from the state), an `up`
 * with the new inputs, or with the old ones (the user reverting the change after the failed pipeline), leaves exactly
 * the wanted fleet running on every cloud and nothing untracked. The seed is printed so that a failure can be replayed.
 */
jest.setTimeout(900_000);

const TRIALS = HEAVY ? 10 : 2;
const FLEET = 3;
/** Slow enough that a replacement lasts a few seconds, so a kill lands inside it. */
const TIME_SCALE = 0.05;
/** How long after the replacement is first seen at work the kill may land: about as long as the replacement lasts. */
const SPREAD_MS = 4_500;

describe("a crash during a replacing update", () => {
  let lc: LocalcloudHandle;
  let stack: Stack;

  beforeAll(async () => {
    lc = await startTestLocalcloud({ timeScale: TIME_SCALE });
    stack = new Stack(lc, "reliability-fleets", "replace");
    expectOk(await stack.run("up", { count: FLEET }));
  });
  afterAll(async () => {
    await stack.run("destroy");
    await lc.close();
  });

  it(`${TRIALS} trials on every cloud: SIGKILL at a random point of an image change, then refresh and up (new inputs or reverted) leave exactly the wanted fleets`, async () => {
    const random = seededRandom("replace crash");
    const knobs: Array<Record<string, string | number>> = [{ count: FLEET }, { count: FLEET, images: "next" }];
    let current = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const before = new Map((await lc.instances()).map((i) => [i.id, i.state]));
      const next = 1 - current;
      const { child, done } = stack.start("up", knobs[next]);
      let finished = false;
      void done.then(() => (finished = true));
      // The crash point is drawn from the seconds after the replacement is first seen at work in localcloud (a new
      // instance, or an old one changing state): creating the new fleet, its answer, deleting the old one.
      await until(
        async () => (finished || (await lc.instances()).some((i) => before.get(i.id) !== i.state) ? true : undefined),
        120_000,
        "the replacement to start",
      );
      const started = Date.now();
      const delay = Math.floor(random.next() * SPREAD_MS);
      await new Promise((r) => setTimeout(r, delay));
      const crashed = !finished;
      if (crashed) {
        try {
          killTree(child);
        } catch {
          // The up ended by itself between the look and the kill.
        }
      }
      const result = await done;
      reapPlugins(stack.stateDir);
      const revert = trial % 2 === 1;
      console.log(
        `replace crash, trial ${trial}: ${crashed ? `engine killed ${delay} ms after the replacement started` : `the up ended ${Date.now() - started} ms after the replacement started, before the kill`}; ` +
          `recovery up with the ${revert ? "old (reverted)" : "new"} inputs`,
      );
      if (!crashed) expectOk(result);

      if (crashed) expectOk(await stack.run("cancel", knobs[next]));
      const recovery = revert ? current : next;
      expectOk(await stack.run("refresh", knobs[recovery]));
      expectOk(await stack.run("up", knobs[recovery]));
      await expectExactlyTracked(stack, CLOUDS, FLEET);
      current = recovery;
    }
  });
});
