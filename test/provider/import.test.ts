import { instance, snapshot } from "../../provider";
import type { SnapshotOutputs } from "../../provider/snapshotProvider";
import { setStackConfig } from "../../provider/core/stackConfig";
import { drivers } from "../../provider/clouds/registry";
import { contextFor } from "../../provider/core/context";
import { waitReady } from "../../provider/core/fleet";
import { getPath, setPath, withoutPaths } from "../../provider/core/paths";
import { OWNER_TAG } from "../../provider/core/ownership";
import { encodeResourceId } from "../../provider/core/ids";
import type { InstanceOutputs } from "../../provider/core/outputs";
import { CLOUDS, type CloudName } from "../../provider/core/types";
import { asCloudAdmin } from "../support/lifecycleSuite";
import { fleetInputs } from "../support/cloudInputs";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

jest.setTimeout(120_000);

/** The tags of the fleets: JD Cloud's coc-vm has none. */
const TAGS = (cloud: CloudName): Record<string, string> => (cloud === "jdcloud" ? {} : { env: "prod", team: "web" });

/** The fleet's name input on each cloud, left out for an auto-named fleet. */
function withoutName(cloud: CloudName, inputs: Record<string, unknown>): Record<string, unknown> {
  const { instanceNames: _names, instanceName: _name, ...rest } = inputs;
  if (cloud !== "jdcloud") return rest;
  const { name: _specName, ...spec } = rest.instanceSpec as Record<string, unknown>;
  return { ...rest, instanceSpec: spec };
}

/** A fleet of two with tags; on Zenlayer logging in with a key pair (a password is never shown again, see below). */
function inputsOf(cloud: CloudName, url: string, owner: string): Record<string, unknown> {
  const base = fleetInputs(cloud, url, 2, owner);
  const { password: _password, ...rest } = base;
  const inputs = cloud === "zenlayer" ? { ...rest, keyId: "key-Lf0Fleet" } : base;
  return { ...inputs, ...(cloud === "jdcloud" ? {} : { tags: TAGS(cloud) }) };
}

/** parsed is what the cloud's schema makes of checked inputs, without owner, autoName, endpoint and the secrets. */
function parsed(cloud: CloudName, inputs: Record<string, unknown>): Record<string, unknown> {
  const driver = drivers[cloud];
  const { owner: _owner, autoName: _autoName, endpoint: _endpoint, ...rest } = driver.schema.parse(inputs) as Record<string, unknown>;
  return withoutPaths(rest, driver.secretPaths);
}

/** The calls of the cloud that change something: every one but a Describe/Get/List. */
async function changingCalls(lc: LocalcloudHandle, cloud: CloudName): Promise<Record<string, number>> {
  const calls = (await lc.stats()).calls[cloud] ?? {};
  return Object.fromEntries(Object.entries(calls).filter(([op]) => !/^(describe|get|list)/i.test(op)));
}

/**
 * importsWithoutChange does what the engine does for `pulumi import` (and the `import` option): read from the id
 * alone, check the inputs read (olds and news alike), diff them against the outputs read, and, as `pulumi up` would
 * with them, update. The diff shows no change and the update changes nothing in the cloud.
 */
async function importsWithoutChange(lc: LocalcloudHandle, cloud: CloudName, id: string, owner: string) {
  const read = await instance.read(id, undefined, { owner });
  expect(read.id).toBe(id);
  const inputs = read.inputs as Record<string, unknown>;
  expect(inputs).toMatchObject({ cloud, owner, ...(cloud === "jdcloud" ? {} : { tags: TAGS(cloud) }) });
  for (const key of Object.keys((inputs.tags ?? {}) as object)) expect(key.startsWith("lightfleet-")).toBe(false);
  const checked = await instance.check(inputs, inputs);
  expect(checked.failures).toEqual([]);
  const outs = read.props as InstanceOutputs;
  expect(await instance.diff(id, outs, checked.inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false, detailedDiff: {} });
  const before = await changingCalls(lc, cloud);
  const held = await lc.instances(cloud);
  const updated = await instance.update(id, outs, checked.inputs);
  expect(await changingCalls(lc, cloud)).toEqual(before);
  expect(await lc.instances(cloud)).toEqual(held);
  expect(updated.outs.instanceIds).toEqual(outs.instanceIds);
  return { inputs, checked: checked.inputs, outs };
}

/**
 * localcloudAsStackEndpoint starts a localcloud for the enclosing describe and makes it the stack's endpoint (here the
 * environment's), as an import names none and takes the stack's, as any resource without one does.
 */
function localcloudAsStackEndpoint(): () => LocalcloudHandle {
  let lc: LocalcloudHandle;
  const endpoint = process.env.LIGHTFLEET_ENDPOINT;
  beforeAll(async () => {
    lc = await startTestLocalcloud();
    asCloudAdmin();
    process.env.LIGHTFLEET_ENDPOINT = lc.url;
  });
  afterAll(async () => {
    if (endpoint === undefined) delete process.env.LIGHTFLEET_ENDPOINT;
    else process.env.LIGHTFLEET_ENDPOINT = endpoint;
    await lc.close();
  });
  return () => lc;
}

describe.each(CLOUDS)("in-process provider: importing a %s fleet from its id", (cloud) => {
  const lc = localcloudAsStackEndpoint();

  it("a fleet lightfleet created, auto-named, imports under the same owner (a dynamic Instance moved to the native type) with no change", async () => {
    const owner = `imp/dev/${cloud}-web`;
    const created = await instance.check({}, withoutName(cloud, inputsOf(cloud, lc().url, owner)));
    expect(created.failures).toEqual([]);
    const fleet = await instance.create(created.inputs);
    const { inputs, checked, outs } = await importsWithoutChange(lc(), cloud, fleet.id, owner);
    // The names come back as lightfleet generated them, recorded as the dynamic resource recorded them; coc-vm has no
    // tags to say who generated a name, which comes back as given.
    expect(inputs.autoName).toBe(cloud === "jdcloud" ? undefined : created.inputs.autoName);
    expect(parsed(cloud, checked)).toMatchObject(parsed(cloud, created.inputs));
    expect(outs.instances.map((i) => i.name)).toEqual(fleet.outs.instances.map((i) => i.name));
    // The program `pulumi import` writes holds neither owner nor autoName: the recorded ones stay, and nothing changes.
    const { owner: _o, autoName: _a, ...program } = inputs;
    const next = await instance.check(checked, { ...program, owner: "imp/dev/renamed" });
    expect(next.failures).toEqual([]);
    expect(await instance.diff(fleet.id, outs, next.inputs)).toMatchObject({ changes: false });
    await instance.delete(fleet.id, outs);
    expect(await lc().instances(cloud)).toHaveLength(0);
  });

  it("a fleet lightfleet created with explicit names imports, under the importing resource's owner, with every input it was created with", async () => {
    const created = await instance.check({}, inputsOf(cloud, lc().url, `other/prod/${cloud}-web`));
    const fleet = await instance.create(created.inputs);
    const { inputs, checked, outs } = await importsWithoutChange(lc(), cloud, fleet.id, `imp/dev/${cloud}-adopted`);
    expect(inputs.autoName).toBeUndefined();
    // Everything but what only the cloud chose (the zone, disks and resource group it picked) is what the fleet was made with.
    expect(parsed(cloud, checked)).toMatchObject(parsed(cloud, created.inputs));
    // The instances keep the owner tag of the resource that created them: the import writes nothing.
    expect((await lc().instances(cloud)).map((i) => i.tags[OWNER_TAG])).toEqual(cloud === "jdcloud" ? [undefined, undefined] : [`other/prod/${cloud}-web`, `other/prod/${cloud}-web`]);
    // An id that names an instance the cloud does not have fails the import, naming it; none found is no resource.
    const gone = `${outs.instanceIds[0].slice(0, -1)}${outs.instanceIds[0].endsWith("z") ? "y" : "z"}`;
    await expect(instance.read(`${fleet.id},${gone}`, undefined, {})).rejects.toThrow(`no instance ${gone}`);
    await expect(instance.read(`${cloud}/${created.inputs.region}/${gone}`, undefined, {})).resolves.toEqual({ id: "", props: {} });
    await instance.delete(fleet.id, outs);
  });

  it("a fleet created outside lightfleet imports the same way", async () => {
    const driver = drivers[cloud];
    const given = drivers[cloud].schema.parse(inputsOf(cloud, lc().url, "outside")) as Parameters<typeof driver.create>[1];
    const ctx = contextFor(driver, given, Date.now() + 60_000);
    const { ids } = await driver.create(ctx, given, { count: 2, clientToken: `outside-${cloud}`, ownerTags: {} });
    await waitReady(ctx, ids, (v) => driver.status(v, given));
    const id = encodeResourceId({ cloud, region: given.region, instanceIds: ids });
    const { checked, outs } = await importsWithoutChange(lc(), cloud, id, `imp/dev/${cloud}-outside`);
    expect(parsed(cloud, checked)).toMatchObject(parsed(cloud, { ...given, owner: undefined }));
    // Read without the importing resource's owner, the owner its check gives it is no change either.
    const anonymous = await instance.read(id, undefined, {});
    const inputs = anonymous.inputs as Record<string, unknown>;
    expect(inputs.owner).toBeUndefined();
    const owned = await instance.check(inputs, { ...inputs, owner: `imp/dev/${cloud}-outside` });
    expect(await instance.diff(id, anonymous.props as InstanceOutputs, owned.inputs)).toMatchObject({ changes: false });
    await instance.delete(id, outs);
    expect(await lc().instances(cloud)).toHaveLength(0);
  });
});

/** The snapshot inputs of each cloud with snapshots, of the fleet's first instance. */
function snapshotInputsOf(cloud: "lightsail" | "lighthouse", fleet: InstanceOutputs, owner: string): Record<string, unknown> {
  const source = fleet.instanceIds[0];
  const common = { cloud, region: fleet.region, owner, tags: { purpose: "golden" } };
  return cloud === "lightsail" ? { ...common, instanceSnapshotName: `${source}-golden`, instanceName: source } : { ...common, instanceId: source, snapshotName: "golden" };
}

describe.each(["lightsail", "lighthouse"] as const)("in-process provider: importing a %s InstanceSnapshot from its id", (cloud) => {
  let lc: LocalcloudHandle;
  beforeAll(async () => {
    lc = await startTestLocalcloud();
    // A snapshot id names no region: the stack config's region of the cloud applies, and its endpoint.
    setStackConfig({
      get: (k: string) =>
        k.endsWith("AccessKey") ? "localcloud" : k.endsWith("SecretKey") ? "localcloud-secret" : k === "lightfleet:endpoint" ? lc.url : k === `lightfleet:${cloud}Region` ? fleetInputs(cloud, lc.url, 1, "x").region : undefined,
    });
  });
  afterAll(async () => {
    asCloudAdmin();
    await lc.close();
  });

  it("reads the snapshot's inputs, which check and diff as no change, and an update changes nothing", async () => {
    const fleet = await instance.create((await instance.check({}, fleetInputs(cloud, lc.url, 1, `snap/dev/${cloud}`))).inputs);
    const given = await snapshot.check({}, snapshotInputsOf(cloud, fleet.outs, `snap/dev/${cloud}-golden`));
    const made = await snapshot.create(given.inputs);
    const owner = `imp/dev/${cloud}-golden`;
    const read = await snapshot.read(made.id, undefined, { cloud, owner });
    expect(read.id).toBe(made.id);
    const inputs = read.inputs as Record<string, unknown>;
    const { owner: _owner, endpoint: _endpoint, ...madeWith } = given.inputs;
    expect(inputs).toEqual({ ...madeWith, owner });
    const checked = await snapshot.check(inputs, inputs);
    expect(checked.failures).toEqual([]);
    expect(await snapshot.diff(made.id, read.props as SnapshotOutputs, checked.inputs)).toMatchObject({ changes: false, replaces: [] });
    const before = await changingCalls(lc, cloud);
    await snapshot.update(made.id, read.props as SnapshotOutputs, checked.inputs);
    expect(await changingCalls(lc, cloud)).toEqual(before);
    // Read without the importing resource's owner, the owner its check gives it is no change either.
    const anonymous = await snapshot.read(made.id, undefined, { cloud });
    const unowned = anonymous.inputs as Record<string, unknown>;
    expect(unowned.owner).toBeUndefined();
    const owned = await snapshot.check(unowned, { ...unowned, owner });
    expect(await snapshot.diff(made.id, anonymous.props as SnapshotOutputs, owned.inputs)).toMatchObject({ changes: false });
    await snapshot.delete(made.id, read.props as SnapshotOutputs);
    await instance.delete(fleet.id, fleet.outs);
  });
});

/** The password input of each cloud whose fleets in these tests log in with one. */
const PASSWORD: Record<"zenlayer" | "jdcloud", string[]> = { zenlayer: ["password"], jdcloud: ["instanceSpec", "password"] };

describe("in-process provider: importing a fleet whose password the cloud never shows", () => {
  const lc = localcloudAsStackEndpoint();

  it.each(["zenlayer", "jdcloud"] as const)("%s: the password the program gives is the fleet's until an update records it", async (cloud) => {
    const made = await instance.check({}, fleetInputs(cloud, lc().url, 2, `pw/dev/${cloud}`));
    const fleet = await instance.create(made.inputs);
    const read = await instance.read(fleet.id, undefined, { owner: `pw/dev/${cloud}-imported` });
    const inputs = read.inputs as Record<string, unknown>;
    expect(getPath(inputs, PASSWORD[cloud])).toBeUndefined();
    // The `import` option: the program gives the password, which is no change of the fleet, even after a refresh.
    const program = JSON.parse(JSON.stringify(inputs)) as Record<string, unknown>;
    setPath(program, PASSWORD[cloud], getPath(made.inputs, PASSWORD[cloud]));
    const checked = await instance.check(inputs, program);
    expect(checked.failures).toEqual([]);
    const outs = read.props as InstanceOutputs;
    expect(await instance.diff(fleet.id, outs, checked.inputs)).toMatchObject({ changes: false });
    const refreshed = (await instance.read(fleet.id, outs)).props as InstanceOutputs;
    expect(await instance.diff(fleet.id, refreshed, checked.inputs)).toMatchObject({ changes: false });
    // Once an update has recorded it, a new password replaces the fleet, as for any fleet.
    const later = { ...checked.inputs, timeouts: { update: "10m" } };
    const updated = (await instance.update(fleet.id, refreshed, later)).outs;
    expect(await instance.diff(fleet.id, updated, later)).toMatchObject({ changes: false });
    const other = JSON.parse(JSON.stringify(later)) as Record<string, unknown>;
    setPath(other, PASSWORD[cloud], "Other#Pass2027");
    expect((await instance.diff(fleet.id, updated, other)).replaces).toEqual([PASSWORD[cloud][0]]);
    await instance.delete(fleet.id, updated);
  });

  it("zenlayer: `pulumi import` alone, with no program to give the password, fails check naming it", async () => {
    const fleet = await instance.create((await instance.check({}, fleetInputs("zenlayer", lc().url, 1, "pw/dev/alone"))).inputs);
    const read = await instance.read(fleet.id, undefined, {});
    const inputs = read.inputs as Record<string, unknown>;
    expect((await instance.check(inputs, inputs)).failures).toEqual([{ property: "", reason: "password one of password or keyId is required" }]);
    await instance.delete(fleet.id, read.props as InstanceOutputs);
  });
});
