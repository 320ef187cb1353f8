import { instance } from "../../provider";
import { contextFor } from "../../provider/core/context";
import { jdcloudDriver } from "../../provider/clouds/jdcloud";
import type { InstanceOutputs } from "../../provider/core/outputs";
import { asCloudAdmin } from "../support/lifecycleSuite";
import { fleetInputs } from "../support/cloudInputs";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

jest.setTimeout(120_000);

type Provider = typeof import("../../provider");

/**
 * freshProvider loads the provider anew, as another process would (the engine restarted after a crash, another
 * machine): with the stack's credentials but none of the memory of the process that created the fleet.
 */
function freshProvider(): Provider {
  let fresh!: Provider;
  jest.isolateModules(() => {
    fresh = require("../../provider") as Provider;
  });
  void fresh.configure({ config: { get: (k: string) => (k.endsWith("AccessKey") ? "localcloud" : k.endsWith("SecretKey") ? "localcloud-secret" : undefined) } });
  return fresh;
}

/** until polls the admin listing until `done` holds for the cloud's instances. */
async function until(lc: LocalcloudHandle, cloud: string, done: (held: Awaited<ReturnType<LocalcloudHandle["instances"]>>) => boolean): Promise<void> {
  while (!done(await lc.instances(cloud))) await new Promise((r) => setTimeout(r, 20));
}

/**
 * A fleet whose inputs ask for no public IPv4 is ready as soon as its instances run, whichever process looks: one
 * that resumes its create or adopts it knows it from the inputs alone. (A create timeout well under the test's makes a
 * wait for an address that never comes fail as such.)
 */
describe("in-process provider: Zenlayer readiness with enableIpv4: false, read from the inputs", () => {
  let lc: LocalcloudHandle;
  beforeAll(async () => {
    lc = await startTestLocalcloud();
    asCloudAdmin();
  });
  afterAll(() => lc.close());

  const inputs = (owner: string) => ({ ...fleetInputs("zenlayer", lc.url, 2, owner), enableIpv4: false, timeouts: { create: "20s" } });

  it("a create resumed by another process finds the fleet ready", async () => {
    const first = await instance.create(inputs("ipv4/resume/web"));
    const resumed = await freshProvider().instance.create(inputs("ipv4/resume/web"));
    const outs = resumed.outs as InstanceOutputs;
    expect(outs.instanceIds.slice().sort()).toEqual(first.outs.instanceIds.slice().sort());
    expect(outs.privateIps.every((ip) => !!ip)).toBe(true);
    await instance.delete(first.id, first.outs);
  });

  it("the same resource adopting its fleet again from another process (its state was lost) finds it ready", async () => {
    const first = await instance.create(inputs("ipv4/adopt/web"));
    const adopted = await freshProvider().instance.create({ ...inputs("ipv4/adopt/web"), adopt: first.outs.instanceIds });
    expect((adopted.outs as InstanceOutputs).instanceIds.slice().sort()).toEqual(first.outs.instanceIds.slice().sort());
    await instance.delete(adopted.id, adopted.outs);
    expect(await lc.instances("zenlayer")).toHaveLength(0);
  });
});

/**
 * A JD fleet whose inputs ask for an elastic IP is ready only once that IP is there, which coc-vm assigns a moment
 * after the instance runs. A process adopting such a fleet right after its creation (the creating process died before
 * the IPs came) must wait for them too. localcloud runs at a fifth of real time here so that the moment between
 * running and the elastic IP is longer than the adopting process's first poll.
 */
describe("in-process provider: JD Cloud readiness with an elastic IP, read from the inputs", () => {
  let lc: LocalcloudHandle;
  beforeAll(async () => {
    lc = await startTestLocalcloud({ timeScale: 0.2 });
    asCloudAdmin();
  });
  afterAll(() => lc.close());

  it("another process adopting a fleet whose elastic IPs are still coming waits for them", async () => {
    const base = fleetInputs("jdcloud", lc.url, 2, "eip/adopt/web") as { instanceSpec: Record<string, unknown> };
    const inputs = { ...base, instanceSpec: { ...base.instanceSpec, elasticIpSpec: { sizeMbps: 5, provider: "bgp" } } };
    // The creating process: its CreateInstances went through, then it died.
    const args = jdcloudDriver.schema.parse(inputs);
    const { ids } = await jdcloudDriver.create(contextFor(jdcloudDriver, args, Date.now() + 60_000), args, { count: 2, clientToken: "lf-died", ownerTags: {} });
    const adopter = freshProvider();
    await until(lc, "jdcloud", (held) => held.length === 2 && held.every((i) => i.state === "running"));
    expect((await lc.instances("jdcloud")).every((i) => !i.publicIp)).toBe(true);

    const adopted = await adopter.instance.create({ ...inputs, owner: "eip/adopt/new", adopt: ids });
    const outs = adopted.outs as InstanceOutputs;
    expect(outs.instanceIds.slice().sort()).toEqual(ids.slice().sort());
    expect(outs.publicIps).toEqual([expect.stringMatching(/^116\.196\./), expect.stringMatching(/^116\.196\./)]);
  });
});
