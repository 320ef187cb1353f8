import { lightsailInstanceSchema } from "../../../provider/clouds/lightsail";

const valid = {
  cloud: "lightsail",
  region: "us-east-1",
  instanceNames: ["web-1", "web_2"],
  availabilityZone: "us-east-1a",
  blueprintId: "ubuntu_24_04",
  bundleId: "nano_3_0",
};

function issues(input: Record<string, unknown>): Array<[string, string]> {
  const r = lightsailInstanceSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]);
}

describe("lightsailInstanceSchema", () => {
  it("accepts a valid fleet and applies the dualstack default", () => {
    const r = lightsailInstanceSchema.parse({
      ...valid,
      userData: "apt-get -y update",
      keyPairName: "my-key",
      tags: { team: "web", "cost center": "a+b=c/d@e:f.g_h-i" },
      addOns: [{ addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "23:00" } }],
      sourceSnapshotName: "golden-1",
    });
    expect(r.ipAddressType).toBe("dualstack");
    expect(r.instanceNames).toEqual(["web-1", "web_2"]);
  });

  const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["no instanceNames", { instanceNames: undefined }, "instanceNames", /is required/],
    ["an empty instanceNames", { instanceNames: [] }, "instanceNames", /at least one/],
    ["a one-character name", { instanceNames: ["a"] }, "instanceNames.0", /2-255 characters/],
    ["a 256-character name", { instanceNames: ["a".repeat(256)] }, "instanceNames.0", /2-255 characters/],
    ["a name ending in a hyphen", { instanceNames: ["web-"] }, "instanceNames.0", /start and end with a letter, number or underscore/],
    ["a name with a space", { instanceNames: ["web 1"] }, "instanceNames.0", /only letters, numbers, underscores and hyphens/],
    ["a duplicate name", { instanceNames: ["web-1", "web-1"] }, "instanceNames.1", /must be unique: web-1/],
    ["no availabilityZone", { availabilityZone: undefined }, "availabilityZone", /is required/],
    ["a malformed zone", { availabilityZone: "east" }, "availabilityZone", /Availability Zone such as us-east-1a/],
    ["a zone outside the region", { availabilityZone: "us-west-2a" }, "availabilityZone", /must be in region us-east-1/],
    ["no blueprintId", { blueprintId: undefined }, "blueprintId", /is required/],
    ["an empty bundleId", { bundleId: "" }, "bundleId", /is required/],
    ["a bad keyPairName", { keyPairName: "my key" }, "keyPairName", /only letters, numbers, underscores and hyphens/],
    ["an unknown ipAddressType", { ipAddressType: "ipv5" }, "ipAddressType", /dualstack, ipv4 or ipv6/],
    ["an unknown add-on", { addOns: [{ addOnType: "Backup" }] }, "addOns.0.addOnType", /AutoSnapshot or StopInstanceOnIdle/],
    [
      "a snapshot time not on the hour",
      { addOns: [{ addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:30" } }] },
      "addOns.0.autoSnapshotAddOnRequest.snapshotTimeOfDay",
      /HH:00 \(hourly, UTC\)/,
    ],
    [
      "a snapshot time of 24:00",
      { addOns: [{ addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "24:00" } }] },
      "addOns.0.autoSnapshotAddOnRequest.snapshotTimeOfDay",
      /HH:00/,
    ],
    [
      "idle settings on an AutoSnapshot add-on",
      { addOns: [{ addOnType: "AutoSnapshot", stopInstanceOnIdleRequest: { duration: "30" } }] },
      "addOns.0.stopInstanceOnIdleRequest",
      /only with addOnType StopInstanceOnIdle/,
    ],
    [
      "a non-numeric idle duration",
      { addOns: [{ addOnType: "StopInstanceOnIdle", stopInstanceOnIdleRequest: { duration: "half an hour" } }] },
      "addOns.0.stopInstanceOnIdleRequest.duration",
      /whole number of minutes/,
    ],
    ["the same add-on twice", { addOns: [{ addOnType: "AutoSnapshot" }, { addOnType: "AutoSnapshot" }] }, "addOns.1.addOnType", /must be unique/],
    ["49 tags", { tags: tags(49) }, "tags", /at most 48 tags/],
    ["a tag key of 129 characters", { tags: { ["k".repeat(129)]: "v" } }, `tags.${"k".repeat(129)}`, /1-128 characters/],
    ["a tag value of 257 characters", { tags: { k: "v".repeat(257) } }, "tags.k", /at most 256 characters/],
    ["a tag key with *", { tags: { "a*b": "v" } }, "tags.a*b", /only letters, numbers, spaces and \+ - = \. _ : \/ @/],
    ["a tag value with #", { tags: { k: "a#b" } }, "tags.k", /only letters, numbers, spaces/],
    ["a reserved ownership tag", { tags: { "lightfleet-owner": "me" } }, "tags.lightfleet-owner", /reserved/],
    ["a bad sourceSnapshotName", { sourceSnapshotName: "-snap" }, "sourceSnapshotName", /start and end/],
    ["an empty region", { region: "" }, "region", /is required/],
  ])("rejects %s at %s", (_what, change, path, message) => {
    const found = issues({ ...valid, ...change });
    expect(found).toContainEqual([path, expect.stringMatching(message)]);
  });

  it("reports every failure at once, cross-field rules included", () => {
    const found = issues({ ...valid, bundleId: undefined, instanceNames: ["x", "x"], availabilityZone: "eu-west-1a" });
    expect(found.map(([p]) => p)).toEqual(expect.arrayContaining(["bundleId", "instanceNames.0", "instanceNames.1", "availabilityZone"]));
  });
});
