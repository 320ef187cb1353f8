import * as path from "path";
import { killTree } from "../support/engine";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { CLOUDS, Stack, expectOk, instanceResources, reapPlugins, until } from "./support";

/**
 * Crash and resume: the engine process tree is killed (SIGKILL) after the cloud accepted CreateInstances and before
 * the wait ended; the user then runs `refresh` (which clears the pending create) and `up`. Exactly the intended
 * instances exist afterwards, none twice, none untracked. And localcloud itself restarting (from its state file) in the
 * middle of a create and of a delete is ridden out.
 */
jest.setTimeout(300_000);

/** A slower lifecycle than the other tests, so that the wait for running lasts long enough to kill the engine in it. */
const SLOW_TIME_SCALE = 0.15;

describe.each(CLOUDS)("crash and resume on $cloud", (c) => {
  let lc: LocalcloudHandle;
  let stack: Stack;

  beforeAll(async () => {
    lc = await startTestLocalcloud({ timeScale: SLOW_TIME_SCALE });
    stack = new Stack(lc, c.example, "crash");
  });
  afterAll(async () => {
    await stack.run("destroy");
    await lc.close();
  });

  it("a SIGKILL of the engine mid-create, then refresh and up, leaves exactly the fleet, each instance once and tracked", async () => {
    const { child, done } = stack.start("up", { count: 3 });
    const accepted = await until(async () => {
      const held = await lc.instances(c.cloud);
      return held.length >= 3 ? held : undefined;
    }, 120_000, "localcloud to accept CreateInstances");
    // The wait is still running: none of the instances is up yet at this time scale.
    expect(accepted.some((i) => !i.publicIp)).toBe(true);
    killTree(child);
    await done;
    reapPlugins(stack.stateDir);

    // As a user would after a crash: release the dead engine's lock, let refresh clear the pending create, up again.
    expectOk(await stack.run("cancel", { count: 3 }));
    expectOk(await stack.run("refresh", { count: 3 }));
    const up = expectOk(await stack.run("up", { count: 3 }));
    const ids = up.outputs!.instanceIds as string[];
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    // The instances the killed engine had asked for are the ones the resumed up adopted: none was created twice.
    expect([...ids].sort()).toEqual(accepted.map((i) => i.id).sort());
    const held = await lc.instances(c.cloud);
    expect(held.map((i) => i.id).sort()).toEqual([...ids].sort());
    const resources = instanceResources(await stack.run("export"));
    expect(resources).toHaveLength(1);
    expect([...(resources[0].outputs.instanceIds as string[])].sort()).toEqual([...ids].sort());
  });
});

// Zenlayer has the longest paths (creation, then terminate, recycle bin, release), so it stands for every cloud here.
describe.each(CLOUDS.filter((c) => c.cloud === "zenlayer"))("localcloud restarting from its state file on $cloud", (c) => {
  const stateFile = path.join(new Stack({} as LocalcloudHandle, c.example).stateDir, "localcloud.json");
  let lc: LocalcloudHandle;
  let stack: Stack;

  /** restart stops localcloud and starts it again on the same port from the same state file. */
  async function restart(): Promise<void> {
    const port = lc.lc.port;
    await lc.close();
    lc = await startTestLocalcloud({ port, stateFile, timeScale: SLOW_TIME_SCALE });
    stack = new Stack(lc, c.example, "restart", stack.stateDir);
  }

  beforeAll(async () => {
    lc = await startTestLocalcloud({ stateFile, timeScale: SLOW_TIME_SCALE });
    stack = new Stack(lc, c.example, "restart");
  });
  afterAll(async () => {
    await stack.run("destroy");
    await lc.close();
  });

  it("an up and a destroy both complete across a localcloud restart", async () => {
    const creating = stack.start("up", { count: 2 });
    await until(async () => ((await lc.instances(c.cloud)).length >= 2 ? true : undefined), 120_000, "CreateInstances");
    await restart();
    const up = expectOk(await creating.done);
    const ids = up.outputs!.instanceIds as string[];
    expect(ids).toHaveLength(2);
    expect((await lc.instances(c.cloud)).map((i) => i.id).sort()).toEqual([...ids].sort());

    const deleting = stack.start("destroy", { count: 2 });
    await until(async () => {
      const held = await lc.instances(c.cloud);
      return held.length < 2 || held.some((i) => !i.publicIp || !/run/i.test(i.state)) ? true : undefined;
    }, 120_000, "the delete to start");
    await restart();
    expectOk(await deleting.done);
    expect(await lc.instances(c.cloud)).toHaveLength(0);
  });
});
