import { zenlayerInstanceSchema } from "../../../provider/clouds/zenlayer";

const valid = {
  cloud: "zenlayer",
  region: "asia-east-1",
  zoneId: "asia-east-1a",
  imageId: "img-ubuntu-2204-x64",
  instanceType: "c.1c2g",
  instanceChargeType: "POSTPAID",
  internetChargeType: "ByBandwidth",
  subnetId: "subnet-hk-a-default",
  password: "Fleet~2024",
};

function failures(overrides: Record<string, unknown>): Array<{ property: string; reason: string }> {
  const r = zenlayerInstanceSchema.safeParse({ ...valid, ...overrides });
  return r.success ? [] : r.error.issues.map((i) => ({ property: i.path.join("."), reason: i.message }));
}

describe("Zenlayer input schema", () => {
  test("a minimal input is valid and gets the seed's defaults", () => {
    const r = zenlayerInstanceSchema.parse(valid);
    expect(r).toMatchObject({ instanceCount: 1, instanceName: "instance", internetMaxBandwidthOut: 1 });
  });

  test.each([
    ["keyId instead of password", { password: undefined, keyId: "key-YWD2QFOl" }],
    ["PREPAID with a period", { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 12 } }],
    ["ByTrafficPackage with a package", { internetChargeType: "ByTrafficPackage", trafficPackageSize: 2.5 }],
    ["100 numbered instances", { instanceCount: 100, instanceName: "web[1,3]" }],
    ["two counters", { instanceCount: 2, instanceName: "srv.[3,3]-[1,1]" }],
    ["a 64-character name", { instanceName: "a".repeat(64) }],
    ["disks at their limits", { systemDisk: { diskSize: 1020 }, dataDisks: Array.from({ length: 10 }, () => ({ diskSize: 20 })) }],
    ["a 32 KB init script", { initScript: "x".repeat(32 * 1024) }],
    ["a CIDR start address", { cidrBlockId: "cidr-hk-a-main", startCidrIpv4: "103.40.10.8" }],
    ["18 user tags", { tags: Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`k${i}`, "v"])) }],
    ["networkMode Vf", { networkMode: "Vf" }],
  ])("accepts %s", (_name, overrides) => {
    expect(failures(overrides)).toEqual([]);
  });

  test.each([
    ["zoneId missing", { zoneId: undefined }, "zoneId", /required|expected string/i],
    ["zoneId outside the region", { zoneId: "na-west-1a" }, "zoneId", /zone of region asia-east-1/],
    ["imageId empty", { imageId: "" }, "imageId", /required/],
    ["instanceType missing", { instanceType: undefined }, "instanceType", /required|expected string/i],
    ["subnetId missing", { subnetId: undefined }, "subnetId", /required|expected string/i],
    ["unknown charge type", { instanceChargeType: "MONTHLY" }, "instanceChargeType", /PREPAID or POSTPAID/],
    ["unknown internet charge type", { internetChargeType: "ByTraffic" }, "internetChargeType", /ByBandwidth, ByTrafficPackage/],
    ["PREPAID without a period", { instanceChargeType: "PREPAID" }, "instanceChargePrepaid", /required when instanceChargeType is PREPAID/],
    ["a zero-month period", { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 0 } }, "instanceChargePrepaid.period", /at least 1 month/],
    ["instanceCount 0", { instanceCount: 0 }, "instanceCount", /1-100/],
    ["instanceCount 101", { instanceCount: 101 }, "instanceCount", /1-100/],
    ["instanceCount 1.5", { instanceCount: 1.5 }, "instanceCount", /whole number/],
    ["a name with a space", { instanceName: "web server" }, "instanceName", /letters, numbers, - and periods/],
    ["a name with an underscore", { instanceName: "web_1" }, "instanceName", /letters, numbers, - and periods/],
    ["a 65-character name", { instanceName: "a".repeat(65) }, "instanceName", /at most 64 characters/],
    ["a name too long once expanded", { instanceName: `${"a".repeat(60)}[1,6]` }, "instanceName", /at most 64 characters once expanded/],
    ["a counter with a space", { instanceName: "web[1, 3]" }, "instanceName", /without spaces/],
    ["a counter with 7 bits", { instanceName: "web[1,7]" }, "instanceName", /bits must be 1-6/],
    ["a counter starting at 100000", { instanceName: "web[100000,6]" }, "instanceName", /0-99999/],
    ["an empty name", { instanceName: "" }, "instanceName", /must not be empty/],
    ["password and keyId", { keyId: "key-YWD2QFOl" }, "keyId", /mutually exclusive/],
    ["neither password nor keyId", { password: undefined }, "password", /one of password or keyId/],
    ["a 7-character password", { password: "Ab1~abc" }, "password", /8-16 characters/],
    ["a 17-character password", { password: "Ab1~abcdefghijklm" }, "password", /8-16 characters/],
    ["a password without an uppercase letter", { password: "fleet~2024" }, "password", /uppercase/],
    ["a password without a special character", { password: "Fleet2024x" }, "password", /special characters/],
    ["a password with a forbidden character", { password: "Fleet~2024?" }, "password", /only letters, digits/],
    ["a traffic package without ByTrafficPackage", { trafficPackageSize: 1 }, "trafficPackageSize", /only when internetChargeType is ByTrafficPackage/],
    ["a negative traffic package", { internetChargeType: "ByTrafficPackage", trafficPackageSize: -1 }, "trafficPackageSize", /at least 0.0/],
    ["bandwidth 0", { internetMaxBandwidthOut: 0 }, "internetMaxBandwidthOut", /at least 1 Mbps/],
    ["a system disk of 25 GB", { systemDisk: { diskSize: 25 } }, "systemDisk.diskSize", /multiple of 10/],
    ["a system disk of 2000 GB", { systemDisk: { diskSize: 2000 } }, "systemDisk.diskSize", /at most 1024/],
    ["11 data disks", { dataDisks: Array.from({ length: 11 }, () => ({ diskSize: 20 })) }, "dataDisks", /at most 10 data disks/],
    ["a 10 GB data disk", { dataDisks: [{ diskSize: 10 }] }, "dataDisks.0.diskSize", /at least 20 GB/],
    ["a 40000 GB data disk", { dataDisks: [{ diskSize: 40_000 }] }, "dataDisks.0.diskSize", /at most 32768/],
    ["an init script over 32 KB", { initScript: "é".repeat(16 * 1024 + 1) }, "initScript", /32 KB/],
    ["an unknown network mode", { networkMode: "SRIOV" }, "networkMode", /Vf or Virtio/],
    ["a CIDR start without a block", { startCidrIpv4: "103.40.10.8" }, "startCidrIpv4", /needs cidrBlockId/],
    ["a CIDR start that is not IPv4", { cidrBlockId: "c", startCidrIpv4: "103.40.10" }, "startCidrIpv4", /IPv4 address/],
    ["19 user tags", { tags: Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`k${i}`, "v"])) }, "tags", /at most 18 tags/],
    ["a 65-character tag key", { tags: { ["k".repeat(65)]: "v" } }, `tags.${"k".repeat(65)}`, /tag keys must be 1-64/],
    ["a 129-character tag value", { tags: { k: "v".repeat(129) } }, "tags.k", /at most 128/],
  ])("refuses %s", (_name, overrides, property, reason) => {
    const found = failures(overrides);
    expect(found.map((f) => f.property)).toContain(property);
    expect(found.find((f) => f.property === property)!.reason).toMatch(reason);
  });

  test("reports several failures at once", () => {
    const found = failures({ zoneId: "na-west-1a", password: "short", instanceCount: 500 });
    expect(found.map((f) => f.property).sort()).toEqual(expect.arrayContaining(["instanceCount", "password", "zoneId"]));
  });
});
