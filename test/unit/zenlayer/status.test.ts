import { CloudError } from "../../../provider/core/errors";
import { toView } from "../../../provider/clouds/zenlayer/status";

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
const always = () => true;

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
    expect(toView({ ...base, instanceStatus: state }, always).phase).toBe(phase);
  });

  test("RUNNING without a public IPv4 is still pending, unless none was asked for", () => {
    const info = { ...base, instanceStatus: "RUNNING", publicIpAddresses: [] };
    expect(toView(info, () => true).phase).toBe("pending");
    expect(toView(info, () => false).phase).toBe("ready");
  });

  test("a failed launch carries the cloud's failure", () => {
    expect(toView({ ...base, instanceStatus: "CREATE_FAILED" }, always).failure).toEqual({
      code: "CREATE_FAILED",
      message: expect.stringContaining(base.instanceId),
    });
  });

  test("addresses, zone and tags are read from InstanceInfo", () => {
    expect(toView({ ...base, instanceStatus: "RUNNING" }, always)).toMatchObject({
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
      toView(info, always);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CloudError);
    expect(caught).toMatchObject({ code: "MalformedResponse", cloud: "zenlayer" });
    expect((caught as CloudError).message).toMatch(message);
  });
});
