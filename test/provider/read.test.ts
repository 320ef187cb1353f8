import { instance } from "../../provider";
import type { InstanceOutputs } from "../../provider/core/outputs";
import { asCloudAdmin } from "../support/lifecycleSuite";
import { fleetInputs } from "../support/cloudInputs";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

jest.setTimeout(120_000);

/** freshProvider loads the provider with nothing shared yet (and the test's credentials), as a new engine operation's process starts. */
function freshProvider(): typeof instance {
  let loaded!: typeof instance;
  jest.isolateModules(() => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    loaded = (require("../../provider") as { instance: typeof instance }).instance;
    (require("../support/lifecycleSuite") as { asCloudAdmin: typeof asCloudAdmin }).asCloudAdmin();
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  return loaded;
}

describe("in-process provider: refresh", () => {
  let lc: LocalcloudHandle;
  const fleets: Array<{ id: string; outs: InstanceOutputs }> = [];

  beforeAll(async () => {
    lc = await startTestLocalcloud();
    asCloudAdmin();
    for (const name of ["a", "b", "c"]) fleets.push(await instance.create(fleetInputs("lighthouse", lc.url, 2, `read/test/${name}`)));
  });

  afterAll(async () => {
    for (const f of fleets) await instance.delete(f.id, f.outs);
    await lc.close();
  });

  const describes = async () => (await lc.stats()).calls.lighthouse?.DescribeInstances ?? 0;

  it("reads resources one after another from one listing of the account, not a describe call each", async () => {
    const refresh = freshProvider();
    const before = await describes();
    // The engine at its default parallelism reads a few resources at a time; one at a time is the extreme.
    for (let round = 0; round < 3; round++) {
      for (const f of fleets) {
        const read = await refresh.read(f.id, f.outs);
        expect(read.id).toBe(f.id);
        expect((read.props as InstanceOutputs).instanceIds).toEqual(f.outs.instanceIds);
        expect((read.props as InstanceOutputs).publicIps).toEqual(f.outs.publicIps);
      }
    }
    expect((await describes()) - before).toBe(1);
  });

  it("drops an instance deleted behind Pulumi's back, and reports a fleet gone when none is left", async () => {
    const [gone, kept] = fleets[0].outs.instanceIds;
    await instance.delete(fleets[0].id, { ...fleets[0].outs, instanceIds: [gone] });
    const read = await freshProvider().read(fleets[0].id, fleets[0].outs);
    expect(read.id).toBe(fleets[0].id);
    expect((read.props as InstanceOutputs).instanceIds).toEqual([kept]);
    await instance.delete(fleets[0].id, { ...fleets[0].outs, instanceIds: [kept] });
    expect((await freshProvider().read(fleets[0].id, fleets[0].outs)).id).toBe("");
    fleets.shift();
  });
});
