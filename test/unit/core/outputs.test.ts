import { toView as jdView } from "../../../provider/clouds/jdcloud/status";
import { toInstanceView as lighthouseView } from "../../../provider/clouds/lighthouse/status";
import { toInstanceView as lightsailView } from "../../../provider/clouds/lightsail/status";
import { toView as zenlayerView } from "../../../provider/clouds/zenlayer/status";
import { drivers } from "../../../provider/clouds/registry";
import { outputsOf } from "../../../provider/core/fleet";
import type { CloudName, InstanceView } from "../../../provider/core/types";

/** One describe entry of each cloud, in the cloud's own words (field names and formats of its API). */
const lightsail = (over: Record<string, unknown> = {}) => ({
  name: "web-1",
  arn: "arn:aws:lightsail:us-east-1:123456789012:Instance/0f1e",
  supportCode: "123456789012/i-0f1e",
  createdAt: 1796132871.5,
  location: { availabilityZone: "us-east-1a", regionName: "us-east-1" },
  blueprintId: "ubuntu_22_04",
  bundleId: "nano_3_0",
  isStaticIp: false,
  hardware: { cpuCount: 2, ramSizeInGb: 0.5, disks: [{ sizeInGb: 20, path: "/dev/xvda" }] },
  state: { code: 16, name: "running" },
  username: "ubuntu",
  sshKeyName: "deploy",
  publicIpAddress: "3.0.0.1",
  privateIpAddress: "172.26.0.1",
  ipv6Addresses: [],
  ipAddressType: "ipv4",
  addOns: [],
  tags: [],
  ...over,
});
const lighthouse = (over: Record<string, unknown> = {}) => ({
  InstanceId: "lhins-abcd1234",
  InstanceName: "web",
  BundleId: "bundle_gen_01",
  BlueprintId: "lhbp-f1lkcd41",
  CPU: 2,
  Memory: 4,
  Zone: "ap-guangzhou-3",
  InstanceChargeType: "PREPAID",
  RenewFlag: "NOTIFY_AND_MANUAL_RENEW",
  PrivateAddresses: ["10.0.0.5"],
  PublicAddresses: ["43.0.0.5"],
  PublicIpv6Addresses: [],
  LoginSettings: { KeyIds: [] },
  InstanceState: "RUNNING",
  CreatedTime: "2026-12-01T13:47:51Z",
  ExpiredTime: "2027-01-01T13:47:51Z",
  Tags: [],
  ...over,
});
const zenlayer = (over: Record<string, unknown> = {}) => ({
  instanceId: "927195328186400000",
  instanceName: "web",
  zoneId: "asia-east-1a",
  instanceType: "z2a.cpu.1",
  cpuCount: 1,
  memory: 2,
  imageId: "ubuntu20044_x86_64",
  imageName: "Ubuntu 20.04.4",
  instanceChargeType: "POSTPAID",
  internetChargeType: "ByBandwidth",
  publicIpAddresses: ["128.1.1.5"],
  privateIpAddresses: ["10.0.0.5"],
  publicIpv6Addresses: [],
  instanceStatus: "RUNNING",
  createTime: "2026-12-01T13:47:51Z",
  expiredTime: null,
  tags: { tags: [] },
  ...over,
});
const jdcloud = (over: Record<string, unknown> = {}) => ({
  instanceId: "i-x1y2z3",
  instanceName: "web",
  instanceType: "g.n2.medium",
  imageId: "img-ubuntu2204",
  vpcId: "vpc-1",
  subnetId: "subnet-1",
  privateIpAddress: "10.0.0.5",
  elasticIpAddress: "116.196.0.5",
  elasticIpId: "fip-1",
  status: "running",
  az: "cn-north-1a",
  region: "cn-north-1",
  keyName: "",
  launchTime: "2026-12-01 21:47:51",
  charge: {
    chargeMode: "prepaid_by_duration",
    chargeStatus: "normal",
    chargeUnit: "month",
    chargeDuration: 1,
    chargeStartTime: "2026-12-01 21:47:51",
    chargeExpiredTime: "2027-01-01 21:47:51",
  },
  ...over,
});

const view: Record<CloudName, (over?: Record<string, unknown>) => InstanceView> = {
  lightsail: (over) => lightsailView(lightsail(over), "GetInstance"),
  lighthouse: (over) => lighthouseView(lighthouse(over)),
  zenlayer: (over) => zenlayerView(zenlayer(over)),
  jdcloud: (over) => jdView("describeInstances", jdcloud(over)),
};

/** The inputs of a fleet, as far as outputs and readiness read them. */
const args: Record<CloudName, Record<string, unknown>> = {
  lightsail: { cloud: "lightsail", region: "us-east-1" },
  lighthouse: { cloud: "lighthouse", region: "ap-guangzhou" },
  zenlayer: { cloud: "zenlayer", region: "asia-east-1", enableIpv4: false },
  jdcloud: { cloud: "jdcloud", region: "cn-north-1", instanceSpec: { elasticIpSpec: { sizeMbps: 5, provider: "bgp" } } },
};

/** instanceOutput is the `instances` entry a user reads for this describe entry. */
function instanceOutput(cloud: CloudName, over: Record<string, unknown> = {}) {
  return outputsOf(drivers[cloud], args[cloud] as never, [view[cloud](over)]).instances[0];
}

describe("the instances output", () => {
  it.each<[CloudName, Record<string, unknown>]>([
    [
      "lightsail",
      {
        id: "web-1",
        name: "web-1",
        state: "running",
        cloudState: "running",
        publicIp: "3.0.0.1",
        privateIp: "172.26.0.1",
        zone: "us-east-1a",
        createdAt: "2026-12-01T13:47:51Z",
        arn: "arn:aws:lightsail:us-east-1:123456789012:Instance/0f1e",
        username: "ubuntu",
        isStaticIp: false,
        cpuCount: 2,
        ramSizeInGb: 0.5,
        blueprintId: "ubuntu_22_04",
        bundleId: "nano_3_0",
      },
    ],
    [
      "lighthouse",
      {
        id: "lhins-abcd1234",
        name: "web",
        state: "running",
        cloudState: "RUNNING",
        publicIp: "43.0.0.5",
        privateIp: "10.0.0.5",
        zone: "ap-guangzhou-3",
        createdAt: "2026-12-01T13:47:51Z",
        cpuCount: 2,
        ramSizeInGb: 4,
        blueprintId: "lhbp-f1lkcd41",
        bundleId: "bundle_gen_01",
        chargeType: "PREPAID",
        expiresAt: "2027-01-01T13:47:51Z",
      },
    ],
    [
      "zenlayer",
      {
        id: "927195328186400000",
        name: "web",
        state: "running",
        cloudState: "RUNNING",
        publicIp: "128.1.1.5",
        privateIp: "10.0.0.5",
        zone: "asia-east-1a",
        createdAt: "2026-12-01T13:47:51Z",
        instanceType: "z2a.cpu.1",
        cpuCount: 1,
        ramSizeInGb: 2,
        imageId: "ubuntu20044_x86_64",
        chargeType: "POSTPAID",
      },
    ],
    [
      "jdcloud",
      {
        id: "i-x1y2z3",
        name: "web",
        state: "running",
        cloudState: "running",
        publicIp: "116.196.0.5",
        privateIp: "10.0.0.5",
        zone: "cn-north-1a",
        createdAt: "2026-12-01T13:47:51Z",
        instanceType: "g.n2.medium",
        imageId: "img-ubuntu2204",
        chargeType: "prepaid_by_duration",
        expiresAt: "2027-01-01T13:47:51Z",
      },
    ],
  ])("on %s carries exactly the documented detail the describe call returns, times in ISO 8601 UTC", (cloud, expected) => {
    expect(instanceOutput(cloud)).toEqual(expected);
  });

  it.each<[CloudName, Record<string, unknown>, string, string]>([
    ["lightsail", { state: { code: 0, name: "pending" } }, "pending", "pending"],
    ["lightsail", { publicIpAddress: undefined }, "pending", "running"],
    ["lightsail", { state: { code: 64, name: "stopping" } }, "stopped", "stopping"],
    ["lightsail", { state: { code: 80, name: "stopped" } }, "stopped", "stopped"],
    ["lightsail", { state: { code: 32, name: "shutting-down" } }, "deleting", "shutting-down"],
    ["lighthouse", { InstanceState: "STARTING" }, "pending", "STARTING"],
    ["lighthouse", { InstanceState: "STOPPED" }, "stopped", "STOPPED"],
    ["lighthouse", { InstanceState: "LAUNCH_FAILED" }, "failed", "LAUNCH_FAILED"],
    ["lighthouse", { InstanceState: "SHUTDOWN" }, "deleting", "SHUTDOWN"],
    ["zenlayer", { instanceStatus: "DEPLOYING" }, "pending", "DEPLOYING"],
    ["zenlayer", { publicIpAddresses: [] }, "running", "RUNNING"],
    ["zenlayer", { instanceStatus: "STOPPED" }, "stopped", "STOPPED"],
    ["zenlayer", { instanceStatus: "RECYCLE" }, "deleting", "RECYCLE"],
    ["zenlayer", { instanceStatus: "CREATE_FAILED" }, "failed", "CREATE_FAILED"],
    ["jdcloud", { status: "starting" }, "pending", "starting"],
    ["jdcloud", { elasticIpAddress: "" }, "pending", "running"],
    ["jdcloud", { status: "stopped" }, "stopped", "stopped"],
    ["jdcloud", { status: "deleting" }, "deleting", "deleting"],
    ["jdcloud", { status: "error" }, "failed", "error"],
  ])("on %s, %j reads as state %s with the cloud's %s kept in cloudState", (cloud, over, state, cloudState) => {
    expect(instanceOutput(cloud, over)).toMatchObject({ state, cloudState });
  });

  it.each([
    ["2026-12-01 21:47:51", "2026-12-01T13:47:51Z"],
    ["2026-01-01 03:00:00", "2025-12-31T19:00:00Z"],
  ])("reads coc-vm's zone-less Beijing time %s as %s", (launchTime, createdAt) => {
    expect(instanceOutput("jdcloud", { launchTime }).createdAt).toBe(createdAt);
  });

  it("leaves out what the cloud did not say rather than recording empty values", () => {
    const out = instanceOutput("jdcloud", { instanceType: "", imageId: undefined, charge: undefined, launchTime: "soon" });
    expect(Object.keys(out).sort()).toEqual(["cloudState", "id", "name", "privateIp", "publicIp", "state", "zone"]);
  });
});
