import { inputsFrom, toInstanceView } from "../../../provider/clouds/lighthouse/status";
import { CloudError } from "../../../provider/core/errors";

const item = (over: Record<string, unknown>) => ({
  InstanceId: "lhins-abcdefgh",
  InstanceName: "web",
  InstanceState: "RUNNING",
  PrivateAddresses: ["10.1.0.5"],
  PublicAddresses: ["43.136.0.5"],
  PublicIpv6Addresses: [],
  Zone: "ap-guangzhou-3",
  CreatedTime: "2025-01-01T00:00:00Z",
  Tags: [{ Key: "env", Value: "prod" }],
  LatestOperation: "CreateInstances",
  LatestOperationState: "SUCCESS",
  LatestOperationRequestId: "req-1",
  ...over,
});

describe("toInstanceView", () => {
  const phases: Array<[string, Record<string, unknown>, string]> = [
    ["RUNNING with a public address", {}, "ready"],
    ["RUNNING before its public address", { PublicAddresses: [] }, "pending"],
    ["PENDING", { InstanceState: "PENDING", PublicAddresses: [] }, "pending"],
    ["STARTING", { InstanceState: "STARTING" }, "pending"],
    ["REBOOTING", { InstanceState: "REBOOTING" }, "pending"],
    ["STOPPED", { InstanceState: "STOPPED" }, "stopped"],
    ["SHUTDOWN", { InstanceState: "SHUTDOWN" }, "deleting"],
    ["TERMINATING", { InstanceState: "TERMINATING" }, "deleting"],
    ["DELETING", { InstanceState: "DELETING" }, "deleting"],
    ["LAUNCH_FAILED", { InstanceState: "LAUNCH_FAILED", LatestOperationState: "FAILED" }, "failed"],
  ];
  it.each(phases)("%s is %s", (_name, over, phase) => {
    expect(toInstanceView(item(over)).phase).toBe(phase);
  });

  it("maps addresses, tags and the latest operation", () => {
    expect(toInstanceView(item({}))).toMatchObject({
      id: "lhins-abcdefgh",
      name: "web",
      publicIp: "43.136.0.5",
      privateIp: "10.1.0.5",
      zone: "ap-guangzhou-3",
      tags: { env: "prod" },
      raw: { LatestOperation: "CreateInstances", LatestOperationState: "SUCCESS" },
    });
  });

  it("explains a launch failure with the cloud's detail", () => {
    const v = toInstanceView(item({ InstanceState: "LAUNCH_FAILED", LatestOperationState: "FAILED", LatestOperationRequestId: "req-9" }));
    expect(v.failure?.code).toBe("LAUNCH_FAILED");
    expect(v.failure?.message).toMatch(/CreateInstances: FAILED, request id req-9/);
  });

  it.each([
    ["an unknown state", { InstanceState: "LEVITATING" }, /LEVITATING/],
    ["no state", { InstanceState: undefined }, /no InstanceId or InstanceState/],
    ["no id", { InstanceId: 42 }, /no InstanceId or InstanceState/],
  ])("turns %s into a MalformedResponse CloudError", (_name, over, message) => {
    let err: unknown;
    try {
      toInstanceView(item(over));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CloudError);
    expect((err as CloudError).code).toBe("MalformedResponse");
    expect((err as CloudError).message).toMatch(message);
  });
});

describe("inputsFrom", () => {
  const fleet = (over: Record<string, unknown>) =>
    [item({ InstanceId: "lhins-aaaaaaaa", ...over }), item({ InstanceId: "lhins-bbbbbbbb", Zone: "ap-guangzhou-4", ...over })].map((i) =>
      toInstanceView({ BundleId: "bundle_gen_01", BlueprintId: "lhbp-f1lkcd41", RenewFlag: "NOTIFY_AND_AUTO_RENEW", LoginSettings: { KeyIds: ["lhkp-12345678"] }, ...i }),
    );

  it.each([
    ["a month", "2025-02-01T00:00:00Z", 1],
    ["a year", "2026-01-01T00:00:00Z", 12],
    ["three years", "2028-01-01T00:00:00Z", 36],
  ])("reads a subscription of %s from the time between creation and expiry", (_label, expiry, period) => {
    expect(inputsFrom(fleet({ ExpiredTime: expiry }))).toMatchObject({ instanceChargePrepaid: { period, renewFlag: "NOTIFY_AND_AUTO_RENEW" } });
  });

  it("reads bundle, blueprint, the zones the instances run in, the login key pairs, the name and the count", () => {
    expect(inputsFrom(fleet({ ExpiredTime: "2025-02-01T00:00:00Z" }))).toEqual({
      bundleId: "bundle_gen_01",
      blueprintId: "lhbp-f1lkcd41",
      instanceChargePrepaid: { period: 1, renewFlag: "NOTIFY_AND_AUTO_RENEW" },
      instanceName: "web",
      instanceCount: 2,
      zones: ["ap-guangzhou-3", "ap-guangzhou-4"],
      loginConfiguration: { keyIds: ["lhkp-12345678"] },
    });
  });
});
