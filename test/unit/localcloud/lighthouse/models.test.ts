import type { EmulatorContext } from "../../../../localcloud/emulator";
import { FaultBook } from "../../../../localcloud/faults";
import { LighthouseModel, type CreateInstancesInput } from "../../../../localcloud/clouds/lighthouse/models";
import { LighthouseApiError } from "../../../../localcloud/clouds/lighthouse/errors";

/** A model on a hand-driven clock at time scale 1, so lifecycle steps can be stepped through exactly. */
function setup(limits = { instancesPerRegion: 200, snapshotsPerInstance: 2 }) {
  let now = Date.UTC(2025, 0, 1);
  const state: Record<string, unknown> = {};
  const faults = new FaultBook();
  const ctx: EmulatorContext = {
    now: () => now,
    delay: (ms) => ms,
    credentials: new Map([["localcloud", "localcloud-secret"]]),
    requestId: () => "req-1",
    faults,
    state,
    save: () => undefined,
  };
  const model = new LighthouseModel(ctx, limits);
  const tick = (ms: number) => {
    now += ms;
    model.advanceAll();
  };
  return { model, tick, faults, state };
}

const create: CreateInstancesInput = { bundleId: "bundle_gen_03", blueprintId: "lhbp-f1lkcd41", period: 1 };
const R = "ap-guangzhou";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (err instanceof LighthouseApiError) return err.code;
    throw err;
  }
}

describe("lighthouse model lifecycle", () => {
  it("launches PENDING -> RUNNING with a private address, then the public address and SUCCESS", () => {
    const { model, tick } = setup();
    const [id] = model.createInstances(R, create, "req-create") ?? [];
    const inst = () => model.getInstance(R, id);
    expect(inst()).toMatchObject({ InstanceState: "PENDING", LatestOperation: "CreateInstances", LatestOperationState: "OPERATING", LatestOperationRequestId: "req-create" });
    tick(29_000);
    expect(inst().InstanceState).toBe("PENDING");
    tick(1_000);
    expect(inst().InstanceState).toBe("RUNNING");
    expect(inst().PrivateAddresses).toHaveLength(1);
    expect(inst().PublicAddresses).toEqual([]);
    tick(3_000);
    expect(inst().PublicAddresses).toHaveLength(1);
    expect(inst().LatestOperationState).toBe("SUCCESS");
  });

  it("ends an instance hit by an injected launch failure in LAUNCH_FAILED / FAILED", () => {
    const { model, tick, faults } = setup();
    faults.add({ cloud: "lighthouse", operation: "CreateInstances", kind: "launchFailure", count: 1 });
    const ids = model.createInstances(R, { ...create, instanceCount: 2 }, "r") ?? [];
    tick(40_000);
    const states = ids.map((id) => model.getInstance(R, id).InstanceState).sort();
    expect(states).toEqual(["LAUNCH_FAILED", "RUNNING"]);
    expect(ids.map((id) => model.getInstance(R, id).LatestOperationState).sort()).toEqual(["FAILED", "SUCCESS"]);
  });

  it("deletes in two steps: Isolate to SHUTDOWN, then Terminate, then gone", () => {
    const { model, tick } = setup();
    const [id] = model.createInstances(R, create, "r") ?? [];
    expect(codeOf(() => model.isolateInstances(R, [id], "r"))).toBe("OperationDenied.InstanceCreating");
    tick(40_000);
    expect(codeOf(() => model.terminateInstances(R, [id], "r"))).toBe("UnsupportedOperation.InvalidInstanceState");
    model.isolateInstances(R, [id], "iso");
    expect(codeOf(() => model.terminateInstances(R, [id], "r"))).toBe("UnsupportedOperation.LatestOperationUnfinished");
    tick(10_000);
    expect(model.getInstance(R, id)).toMatchObject({ InstanceState: "SHUTDOWN", LatestOperation: "IsolateInstances", LatestOperationState: "SUCCESS" });
    model.terminateInstances(R, [id], "term");
    expect(model.getInstance(R, id).InstanceState).toBe("TERMINATING");
    tick(15_000);
    expect(codeOf(() => model.getInstance(R, id))).toBe("ResourceNotFound.InstanceIdNotFound");
    expect(model.instances()).toEqual([]);
  });

  it("stops, starts and reboots only from the documented states", () => {
    const { model, tick } = setup();
    const [id] = model.createInstances(R, create, "r") ?? [];
    tick(40_000);
    expect(codeOf(() => model.startInstances(R, [id], "r"))).toBe("UnsupportedOperation.InvalidInstanceState");
    model.stopInstances(R, [id], "SOFT", "r");
    expect(model.getInstance(R, id).InstanceState).toBe("STOPPING");
    tick(10_000);
    expect(model.getInstance(R, id).InstanceState).toBe("STOPPED");
    expect(codeOf(() => model.rebootInstances(R, [id], "r"))).toBe("UnsupportedOperation.InvalidInstanceState");
    model.startInstances(R, [id], "r");
    tick(10_000);
    expect(model.getInstance(R, id).InstanceState).toBe("RUNNING");
  });

  it("survives a restart: a new model on the saved JSON state finishes the launch", () => {
    const first = setup();
    const [id] = first.model.createInstances(R, create, "r") ?? [];
    const second = setup();
    Object.assign(second.state, JSON.parse(JSON.stringify(first.state)));
    second.tick(40_000);
    expect(second.model.getInstance(R, id).InstanceState).toBe("RUNNING");
  });
});

describe("lighthouse model rules", () => {
  it("answers a replayed ClientToken with the same InstanceIdSet and creates nothing more", () => {
    const { model } = setup();
    const a = model.createInstances(R, { ...create, instanceCount: 2, clientToken: "tok-1" }, "r");
    const b = model.createInstances(R, { ...create, instanceCount: 2, clientToken: "tok-1" }, "r");
    expect(b).toEqual(a);
    expect(model.instances()).toHaveLength(2);
  });

  it("validates a dry run fully and creates nothing", () => {
    const { model } = setup();
    expect(model.createInstances(R, { ...create, dryRun: true }, "r")).toBeUndefined();
    expect(model.instances()).toEqual([]);
    expect(codeOf(() => model.createInstances(R, { ...create, dryRun: true, login: { password: "Str0ng!Passw0rd1" } }, "r"))).toBe(
      "UnsupportedOperation.InstanceLinuxUnixCreatingNotSupportPassword",
    );
  });

  it("enforces the instance quota of a region", () => {
    const { model } = setup({ instancesPerRegion: 3, snapshotsPerInstance: 2 });
    model.createInstances(R, { ...create, instanceCount: 2 }, "r");
    expect(codeOf(() => model.createInstances(R, { ...create, instanceCount: 2 }, "r"))).toBe("LimitExceeded.InstanceQuotaLimitExceeded");
    expect(model.createInstances("ap-shanghai", { ...create, instanceCount: 2 }, "r")).toHaveLength(2);
  });

  it("enforces the snapshot quota and the snapshot states", () => {
    const { model, tick } = setup({ instancesPerRegion: 200, snapshotsPerInstance: 1 });
    const [id] = model.createInstances(R, create, "r") ?? [];
    tick(40_000);
    const snap = model.createInstanceSnapshot(R, id, "s1", [], "r");
    expect(codeOf(() => model.deleteSnapshots(R, [snap]))).toBe("UnsupportedOperation.InvalidSnapshotState");
    tick(20_000);
    expect(model.getSnapshot(R, snap)).toMatchObject({ SnapshotState: "NORMAL", Percent: 100 });
    expect(codeOf(() => model.createInstanceSnapshot(R, id, "s2", [], "r"))).toBe("LimitExceeded.SnapshotQuotaLimitExceeded");
    model.deleteSnapshots(R, [snap]);
    expect(codeOf(() => model.getSnapshot(R, snap))).toBe("ResourceNotFound.SnapshotIdNotFound");
  });

  it("pages DescribeInstances and refuses ids with filters", () => {
    const { model } = setup();
    model.createInstances(R, { ...create, instanceCount: 25, instanceName: "web" }, "r");
    const first = model.describeInstances(R, undefined, [{ Name: "instance-name", Values: ["web"] }], {});
    expect(first.total).toBe(25);
    expect(first.items).toHaveLength(20);
    expect(model.describeInstances(R, undefined, undefined, { offset: 20, limit: 100 }).items).toHaveLength(5);
    expect(codeOf(() => model.describeInstances(R, ["lhins-aaaaaaaa"], [{ Name: "zone", Values: ["x"] }], {}))).toBe("InvalidParameter.ParameterConflict");
    expect(codeOf(() => model.describeInstances(R, undefined, [{ Name: "color", Values: ["x"] }], {}))).toBe("InvalidParameter.InvalidFilterNotSupportedName");
    expect(codeOf(() => model.describeInstances(R, undefined, [{ Name: "zone", Values: [...Array(101)].map(String) }], {}))).toBe(
      "InvalidParameter.FilterValueLimitExceeded",
    );
    expect(codeOf(() => model.describeInstances(R, undefined, undefined, { limit: 101 }))).toBe("InvalidParameterValue.OutOfRange");
  });

  it("filters by tag and tags through the Tag service's resource names", () => {
    const { model } = setup();
    const [a, b] = model.createInstances(R, { ...create, instanceCount: 2, tags: [{ Key: "env", Value: "prod" }] }, "r") ?? [];
    const failed = model.tagResources([`qcs::lighthouse:${R}:uin/123:instance/${a}`, `qcs::lighthouse:${R}:uin/:instance/lhins-zzzzzzzz`], [{ Key: "team", Value: "web" }]);
    expect(failed).toEqual([expect.objectContaining({ code: "ResourceNotFound.InstanceIdNotFound" })]);
    const byTag = model.describeInstances(R, undefined, [{ Name: "tag:team", Values: ["web"] }], {});
    expect(byTag.items.map((i) => i.InstanceId)).toEqual([a]);
    model.unTagResources([`qcs::lighthouse:${R}:uin/:instance/${b}`], ["env"]);
    expect(model.getInstance(R, b).Tags).toEqual([]);
    expect(codeOf(() => model.tagResources(["lhins-aaaaaaaa"], [{ Key: "a", Value: "b" }]))).toBe("InvalidParameterValue.ResourceDescriptionError");
  });
});
