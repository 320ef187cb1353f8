import { instance } from "../../provider";
import { CLOUDS } from "../../provider/core/types";
import { asCloudAdmin } from "../support/lifecycleSuite";
import { fleetInputs } from "../support/cloudInputs";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

jest.setTimeout(120_000);

/**
 * A create the engine sends again (its first answer was lost: a crash, a timeout) must yield the same fleet, not a
 * second one: Lighthouse and JD through the client token, Lightsail and Zenlayer through the ownership tags.
 */
describe.each(CLOUDS)("in-process provider: a resumed create on %s", (cloud) => {
  let lc: LocalcloudHandle;
  beforeAll(async () => {
    lc = await startTestLocalcloud();
    asCloudAdmin();
  });
  afterAll(() => lc.close());

  it("yields one fleet, not two", async () => {
    const inputs = fleetInputs(cloud, lc.url, 2, `resume/test/${cloud}`);
    const first = await instance.create(inputs);
    const again = await instance.create(inputs);
    expect(again.outs.instanceIds.slice().sort()).toEqual(first.outs.instanceIds.slice().sort());
    expect(again.id.split("/").slice(0, 2)).toEqual([cloud, first.outs.region]);
    const held = await lc.instances(cloud);
    expect(held.map((i) => i.id).sort()).toEqual(first.outs.instanceIds.slice().sort());
    await instance.delete(first.id, first.outs);
    expect(await lc.instances(cloud)).toHaveLength(0);
  });
});
