import { status, toView } from "../../../provider/clouds/jdcloud/status";

/** The parts of a fleet's inputs readiness reads: with and without an elastic IP. */
const withEip = { instanceSpec: { elasticIpSpec: { sizeMbps: 5, provider: "bgp" } } } as unknown as Parameters<typeof status>[1];
const withoutEip = { instanceSpec: {} } as unknown as Parameters<typeof status>[1];

const entry = (over: Record<string, unknown>) => ({
  instanceId: "i-abc",
  instanceName: "web",
  status: "running",
  privateIpAddress: "10.0.1.3",
  elasticIpAddress: "116.196.0.3",
  az: "cn-north-1a",
  launchTime: "2024-05-01 12:00:00",
  ...over,
});

describe("coc-vm status -> phase", () => {
  test.each([
    ["pending", {}, "pending"],
    ["starting", {}, "pending"],
    ["running", {}, "ready"],
    ["running", { elasticIpAddress: "" }, "pending"],
    ["running", { privateIpAddress: "" }, "pending"],
    ["stopping", {}, "pending"],
    ["stopped", {}, "stopped"],
    ["rebooting", {}, "pending"],
    ["rebuilding", {}, "pending"],
    ["resizing", {}, "pending"],
    ["deleting", {}, "deleting"],
    ["error", {}, "failed"],
  ])("%s %j is %s (an elastic IP was asked for)", (state, over, phase) => {
    expect(status(toView("describeInstances", entry({ status: state, ...over })), withEip)).toBe(phase);
  });

  test("without an elastic IP, running with a private IP is ready", () => {
    const v = toView("describeInstances", entry({ elasticIpAddress: "" }));
    expect(v).toMatchObject({ id: "i-abc", name: "web", state: "running", phase: "ready", privateIp: "10.0.1.3", zone: "cn-north-1a", tags: {} });
    expect(v.publicIp).toBeUndefined();
    expect(status(v, withoutEip)).toBe("ready");
  });

  test("a failed instance says why and what happens next", () => {
    expect(toView("describeInstances", entry({ status: "error" })).failure).toEqual({
      code: "error",
      message: "instance i-abc failed to launch (coc-vm deletes failed instances automatically and releases their quota)",
    });
  });

  test.each([
    [entry({ status: "melting" }), 'instance i-abc has the unknown status "melting"'],
    [entry({ status: undefined }), "instance i-abc has no status"],
    [entry({ instanceId: 7 }), "an instance entry has no instanceId"],
    ["nope", "an instance entry is not an object"],
  ])("a malformed entry is a MalformedResponse: %j", (raw, message) => {
    expect(() => toView("describeInstances", raw)).toThrow(expect.objectContaining({ code: "MalformedResponse", detail: message }));
  });
});
