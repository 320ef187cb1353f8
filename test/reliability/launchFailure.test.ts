import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { CLOUDS, Stack, expectOk, instanceResources } from "./support";

/**
 * Launch failures: one instance of a fleet of three fails to launch (Lightsail: a failed operation; Zenlayer:
 * CREATE_FAILED; JD Cloud: error, then deleted by the cloud). The up fails naming that instance and the cloud's code,
 * the state keeps the two that launched, and the next up re-creates the missing one.
 */
jest.setTimeout(300_000);

describe.each(CLOUDS)("a failed launch on $cloud", (c) => {
  let lc: LocalcloudHandle;
  let stack: Stack;

  beforeAll(async () => {
    lc = await startTestLocalcloud();
    stack = new Stack(lc, c.example, "launch");
  });
  afterAll(async () => {
    await stack.run("destroy", { count: 3 });
    await lc.close();
  });

  it("fails the up naming the instance and the code, keeps the rest, and the next up completes the fleet", async () => {
    await lc.faults([{ cloud: c.cloud, operation: c.createOperation, kind: "launchFailure", count: 1 }]);
    const failed = await stack.run("up", { count: 3 });
    expect(failed.ok).toBe(false);
    const message = /failed to launch: (.*)/.exec(failed.log)?.[1] ?? "";
    console.log(`${c.cloud}: the up failed with: ${message}`);
    expect(message).toMatch(c.launchFailureCode);
    expect(failed.log).toMatch(/1 of 3 instances failed to launch/);

    const held = await lc.instances(c.cloud);
    const launched = held.filter((i) => i.publicIp).map((i) => i.id);
    expect(launched).toHaveLength(2);
    const [resource] = instanceResources(await stack.run("export"));
    const recorded = resource.outputs.instanceIds as string[];
    // Nothing the cloud holds is untracked: the state keeps the launched instances (and a failed one the cloud still
    // lists, so that the next update deletes it).
    for (const i of held) expect(recorded).toContain(i.id);
    for (const id of launched) expect(recorded).toContain(id);
    const failedIds = recorded.filter((id) => !launched.includes(id));
    for (const id of failedIds) expect(message).toContain(id);

    const again = expectOk(await stack.run("up", { count: 3 }));
    const ids = again.outputs!.instanceIds as string[];
    expect(ids).toHaveLength(3);
    for (const id of launched) expect(ids).toContain(id);
    const after = await lc.instances(c.cloud);
    expect(after.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(after.every((i) => i.publicIp)).toBe(true);
  });
});
