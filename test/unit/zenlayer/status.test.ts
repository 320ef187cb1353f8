import { CloudError } from "../../../provider/core/errors";
import { namePattern, status, toView } from "../../../provider/clouds/zenlayer/status";

const base = {
  instanceId: "1795501676580000001",
  instanceName: "web001",
  zoneId: "asia-east-1a",
  createTime: "2026-01-01T00:00:00Z",
  publicIpAddresses: ["128.14.0.3"],
  privateIpAddresses: ["10.10.0.3"],
  publicIpv6Addresses: [],
  tags: { tags: [{ key: "env", value: "prod" }] },
};

describe("Zenlayer instance views", () => {
  test.each([
    ["PENDING", "pending"],
    ["DEPLOYING", "pending"],
    ["REBUILDING", "pending"],
    ["BOOTING", "pending"],
    ["STOPPING", "pending"],
    ["RUNNING", "ready"],
    ["STOPPED", "stopped"],
    ["RECYCLING", "deleting"],
    ["RECYCLE", "deleting"],
    ["RELEASING", "deleting"],
    ["CREATE_FAILED", "failed"],
  ])("%s is %s", (state, phase) => {
    expect(toView({ ...base, instanceStatus: state }).phase).toBe(phase);
  });

  test("RUNNING without a public IPv4 is still pending, unless the fleet's inputs ask for none", () => {
    const view = toView({ ...base, instanceStatus: "RUNNING", publicIpAddresses: [] });
    expect(view.phase).toBe("pending");
    expect(status(view, {})).toBe("pending");
    expect(status(view, { enableIpv4: true })).toBe("pending");
    expect(status(view, { enableIpv4: false })).toBe("ready");
  });

  test("inputs without a public IPv4 change nothing but RUNNING", () => {
    expect(status(toView({ ...base, instanceStatus: "BOOTING", publicIpAddresses: [] }), { enableIpv4: false })).toBe("pending");
    expect(status(toView({ ...base, instanceStatus: "STOPPED", publicIpAddresses: [] }), { enableIpv4: false })).toBe("stopped");
  });

  test("a failed launch carries the cloud's failure", () => {
    expect(toView({ ...base, instanceStatus: "CREATE_FAILED" }).failure).toEqual({
      code: "CREATE_FAILED",
      message: expect.stringContaining(base.instanceId),
    });
  });

  test("addresses, zone and tags are read from InstanceInfo", () => {
    expect(toView({ ...base, instanceStatus: "RUNNING" })).toMatchObject({
      id: base.instanceId,
      name: "web001",
      publicIp: "128.14.0.3",
      privateIp: "10.10.0.3",
      zone: "asia-east-1a",
      tags: { env: "prod" },
    });
  });

  test.each([
    ["an unknown status", { ...base, instanceStatus: "MELTING" }, /unknown status "MELTING"/],
    ["no status", { ...base, instanceStatus: undefined }, /instanceStatus/],
    ["no id", { ...base, instanceId: undefined, instanceStatus: "RUNNING" }, /instanceId/],
    ["not an object", "RUNNING", /lacks/],
  ])("%s is a MalformedResponse CloudError", (_name, info, message) => {
    let caught: unknown;
    try {
      toView(info);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CloudError);
    expect(caught).toMatchObject({ code: "MalformedResponse", cloud: "zenlayer" });
    expect((caught as CloudError).message).toMatch(message);
  });
});

describe("Zenlayer instance names read back as the instanceName that gives them", () => {
  it.each([
    ["all alike", ["web", "web", "web"], "web"],
    ["one counter", ["web001", "web002", "web003"], "web[1,3]"],
    ["a counter with text after it", ["node07-hk", "node08-hk"], "node[7,2]-hk"],
    ["a counter from zero over six digits", ["a000000", "a000001"], "a[0,6]"],
    ["one instance", ["web042"], "web042"],
    ["a counter that outgrows its width", ["web9", "web10"], "web[9,1]"],
  ])("%s", (_label, names, pattern) => {
    expect(namePattern(names)).toBe(pattern);
  });

  it.each([
    ["numbers that are not consecutive", ["web1", "web3"]],
    ["names that share nothing", ["alpha", "beta"]],
  ])("gives the first name when no single counter gives them all (%s): an update renames the others", (_label, names) => {
    expect(namePattern(names)).toBe(names[0]);
  });
});
