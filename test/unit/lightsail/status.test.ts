import { toInstanceView } from "../../../provider/clouds/lightsail/status";

const instance = (over: Record<string, unknown> = {}) => ({
  name: "web-1",
  arn: "arn:aws:lightsail:us-east-1:123456789012:Instance/abc",
  createdAt: 1570635023.124,
  location: { availabilityZone: "us-east-1a", regionName: "us-east-1" },
  state: { code: 16, name: "running" },
  publicIpAddress: "3.0.0.1",
  privateIpAddress: "172.26.0.1",
  ipv6Addresses: ["2600:1f18::1"],
  ipAddressType: "dualstack",
  tags: [{ key: "team", value: "web" }, { key: "bare" }],
  ...over,
});

describe("toInstanceView", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["running with a public IPv4", {}, "ready"],
    ["running before its public IPv4", { publicIpAddress: undefined }, "pending"],
    ["running IPv6-only with an IPv6 address", { ipAddressType: "ipv6", publicIpAddress: undefined }, "ready"],
    ["running IPv6-only without one yet", { ipAddressType: "ipv6", publicIpAddress: undefined, ipv6Addresses: [] }, "pending"],
    ["pending", { state: { code: 0, name: "pending" } }, "pending"],
    ["stopping", { state: { code: 64, name: "stopping" } }, "stopped"],
    ["stopped", { state: { code: 80, name: "stopped" } }, "stopped"],
    ["shutting-down", { state: { code: 32, name: "shutting-down" } }, "deleting"],
    ["terminated", { state: { code: 48, name: "terminated" } }, "deleting"],
  ])("maps an instance %s to %s", (_what, over, phase) => {
    expect(toInstanceView(instance(over), "GetInstance").phase).toBe(phase);
  });

  it("reads the addresses, zone, time and tags", () => {
    expect(toInstanceView(instance(), "GetInstance")).toMatchObject({
      id: "web-1",
      name: "web-1",
      state: "running",
      publicIp: "3.0.0.1",
      privateIp: "172.26.0.1",
      ipv6Addresses: ["2600:1f18::1"],
      zone: "us-east-1a",
      createdAt: "2019-10-09T15:30:23Z",
      tags: { team: "web", bare: "" },
    });
  });

  it("marks a pending instance whose create operation failed as failed, with the operation's error", () => {
    const v = toInstanceView(instance({ state: { code: 0, name: "pending" } }), "GetInstance", {
      id: "op-1",
      status: "Failed",
      errorCode: "InsufficientCapacity",
      errorDetails: "no capacity",
    });
    expect([v.phase, v.failure]).toEqual(["failed", { code: "InsufficientCapacity", message: "no capacity" }]);
  });

  it.each<[string, unknown, RegExp]>([
    ["an unknown state", instance({ state: { code: 99, name: "hibernating" } }), /unknown state "hibernating"/],
    ["no state", instance({ state: undefined }), /no object state/],
    ["no name", instance({ name: undefined }), /no string name/],
    ["not an object", "web-1", /not an object/],
  ])("raises MalformedResponse for %s", (_what, raw, message) => {
    expect(() => toInstanceView(raw, "GetInstances")).toThrow(expect.objectContaining({ code: "MalformedResponse", message: expect.stringMatching(message) }));
  });
});
