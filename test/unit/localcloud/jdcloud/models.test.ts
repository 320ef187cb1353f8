import type { EmulatorContext } from "../../../../localcloud/emulator";
import { FaultBook } from "../../../../localcloud/faults";
import { JdError } from "../../../../localcloud/clouds/jdcloud/errors";
import { readCreate } from "../../../../localcloud/clouds/jdcloud/actions";
import { JdcloudModel } from "../../../../localcloud/clouds/jdcloud/models";
import { renderInstance } from "../../../../localcloud/clouds/jdcloud/wire";

const SECOND = 1000;
const DAY = 86_400 * SECOND;

function setup() {
  let now = Date.UTC(2024, 4, 1);
  const faults = new FaultBook(() => 0);
  const state: Record<string, unknown> = {};
  const ctx: EmulatorContext = {
    now: () => now,
    delay: (ms) => ms,
    credentials: new Map([["localcloud", "localcloud-secret"]]),
    requestId: () => "00000000-0000-4000-8000-000000000000",
    faults,
    state,
    save: () => undefined,
  };
  return { model: new JdcloudModel(ctx), faults, state, advance: (ms: number) => (now += ms) };
}

const R = "cn-north-1";
const page = { pageNumber: 1, pageSize: 100 };

function body(spec: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    instanceSpec: {
      az: "cn-north-1a",
      instanceType: "g.n2.medium",
      imageId: "img-ubuntu2204",
      name: "web",
      primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-n1web", securityGroups: [{ groupId: "sg-n1default" }] },
      systemDisk: { diskType: "ssd.gp1" },
      ...spec,
    },
    ...extra,
  };
}

/** create launches what a createInstances body asks for, read the way the emulator reads it. */
function create(model: JdcloudModel, b: unknown, region = R): string[] {
  return model.createInstances(region, readCreate(b));
}

function statusOf(model: JdcloudModel, id: string): string | undefined {
  return model.describeInstances(R, { ...page, instanceIds: [id] }).items[0]?.status;
}

function thrown(fn: () => unknown): JdError {
  try {
    fn();
  } catch (e) {
    if (e instanceof JdError) return e;
    throw e;
  }
  throw new Error("expected a JdError");
}

describe("coc-vm model lifecycle", () => {
  test("pending -> starting (private IP) -> running -> elastic IP, at realistic times", () => {
    const { model, advance } = setup();
    const [id] = create(model, body({ elasticIpSpec: { sizeMbps: 5, provider: "bgp" } }));
    const view = () => renderInstance(model.getInstance(R, id)) as Record<string, string>;
    expect(view()).toMatchObject({ status: "pending", privateIpAddress: "", elasticIpAddress: "" });
    advance(8 * SECOND);
    expect(view()).toMatchObject({ status: "starting", privateIpAddress: "10.0.1.3" });
    advance(22 * SECOND);
    expect(view()).toMatchObject({ status: "running", elasticIpAddress: "" });
    advance(4 * SECOND);
    expect(view().elasticIpAddress).toMatch(/^116\.196\./);
  });

  test("a launch failure shows error, then the instance deletes itself and frees its IP", () => {
    const { model, faults, advance } = setup();
    faults.add({ cloud: "jdcloud", operation: "createInstances", kind: "launchFailure", count: 1 });
    const [id] = create(model, body());
    advance(20 * SECOND);
    expect(statusOf(model, id)).toBe("error");
    advance(10 * SECOND);
    expect(statusOf(model, id)).toBeUndefined();
    const [next] = create(model, body());
    advance(8 * SECOND);
    expect(model.getInstance(R, next).privateIpAddress).toBe("10.0.1.3");
  });

  test("a partial batch fails the last half of the instances", () => {
    const { model, faults, advance } = setup();
    faults.add({ cloud: "jdcloud", kind: "partialBatch", count: 1 });
    const ids = create(model, body({}, { maxCount: 5 }));
    advance(30 * SECOND);
    expect(ids.map((id) => statusOf(model, id))).toEqual(["running", "running", "running", undefined, undefined]);
  });

  test("the same clientToken returns the first result, even after a change of body", () => {
    const { model } = setup();
    const first = create(model, body({}, { maxCount: 2, clientToken: "t-1" }));
    expect(create(model, body({ name: "other" }, { maxCount: 3, clientToken: "t-1" }))).toEqual(first);
    expect(model.describeInstances(R, page).totalCount).toBe(2);
  });

  test("delete: only running, stopped or error; deleting, then gone 15 s later", () => {
    const { model, advance } = setup();
    const [id] = create(model, body());
    expect(thrown(() => model.deleteInstance(R, id))).toMatchObject({ httpStatus: 400, status: "FAILED_PRECONDITION" });
    advance(30 * SECOND);
    model.deleteInstance(R, id);
    expect(statusOf(model, id)).toBe("deleting");
    advance(15 * SECOND);
    expect(thrown(() => model.getInstance(R, id))).toMatchObject({ httpStatus: 404, status: "NOT_FOUND", message: `Instance '${id}' not found.` });
    expect(thrown(() => model.deleteInstance(R, id))).toMatchObject({ httpStatus: 404 });
  });

  test("an unexpired prepaid instance past its five-day refund window cannot be deleted; an expired one can", () => {
    const { model, advance } = setup();
    const [id] = create(model, body({ charge: { chargeUnit: "month", chargeDuration: 1 } }));
    advance(6 * DAY);
    expect(thrown(() => model.deleteInstance(R, id))).toMatchObject({ httpStatus: 400, status: "FAILED_PRECONDITION", message: expect.stringContaining("has not expired") });
    advance(25 * DAY);
    model.deleteInstance(R, id);
    expect(statusOf(model, id)).toBe("deleting");
  });

  test("stop, start and reboot follow their states", () => {
    const { model, advance } = setup();
    const [id] = create(model, body());
    advance(30 * SECOND);
    expect(thrown(() => model.startInstance(R, id))).toMatchObject({ status: "FAILED_PRECONDITION" });
    model.stopInstance(R, id);
    expect(statusOf(model, id)).toBe("stopping");
    advance(10 * SECOND);
    expect(statusOf(model, id)).toBe("stopped");
    model.startInstance(R, id);
    advance(15 * SECOND);
    model.rebootInstance(R, id);
    expect(statusOf(model, id)).toBe("rebooting");
    advance(20 * SECOND);
    expect(model.describeInstances(R, page).items.map((i) => [i.instanceId, i.status])).toEqual([[id, "running"]]);
  });

  test("modifyInstanceAttribute renames, but not an instance being deleted", () => {
    const { model, advance } = setup();
    const [id] = create(model, body());
    model.modifyInstanceAttribute(R, id, { name: "api-01", description: "api tier" });
    expect(model.getInstance(R, id)).toMatchObject({ instanceName: "api-01", description: "api tier" });
    advance(30 * SECOND);
    model.deleteInstance(R, id);
    expect(thrown(() => model.modifyInstanceAttribute(R, id, { name: "api-02" }))).toMatchObject({ status: "FAILED_PRECONDITION" });
  });

  test("quota: 200 instances a region by default, configurable in the state", () => {
    const { model, state } = setup();
    state.quotaPerRegion = 3;
    create(model, body({}, { maxCount: 3 }));
    expect(thrown(() => create(model, body()))).toMatchObject({ httpStatus: 429, status: "QUOTA_EXCEEDED" });
    const east = body({ az: "cn-east-2a", primaryNetworkInterface: { vpcId: "vpc-e2default", subnetId: "subnet-e2web", securityGroups: [{ groupId: "sg-e2default" }] } });
    expect(create(model, east, "cn-east-2")).toHaveLength(1);
  });

  test("a fixed IP in use answers 409 CONFLICT", () => {
    const { model } = setup();
    const fixed = body({ primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-n1web", ip: "10.0.1.20", securityGroups: [{ groupId: "sg-n1default" }] } });
    create(model, fixed);
    expect(thrown(() => create(model, fixed))).toMatchObject({ httpStatus: 409, status: "CONFLICT", message: "Ip '10.0.1.20' is already in use" });
  });

  test("describe filters by name (substring), status and az, and pages", () => {
    const { model, advance } = setup();
    create(model, body({ name: "web-a" }, { maxCount: 12 }));
    create(model, body({ name: "db-a", az: "cn-north-1b" }, { maxCount: 3 }));
    advance(30 * SECOND);
    expect(model.describeInstances(R, { ...page, names: ["web"] }).totalCount).toBe(12);
    expect(model.describeInstances(R, { ...page, azs: ["cn-north-1b"], statuses: ["running"] }).totalCount).toBe(3);
    const second = model.describeInstances(R, { pageNumber: 2, pageSize: 10 });
    expect([second.items.length, second.totalCount]).toEqual([5, 15]);
    expect(thrown(() => model.describeInstances(R, { pageNumber: 1, pageSize: 5 }))).toMatchObject({ status: "OUT_OF_RANGE" });
    expect(thrown(() => model.describeInstances("mars-1", page))).toMatchObject({ httpStatus: 404 });
  });
});
