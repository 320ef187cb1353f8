import { snapshot } from "../../provider";
import { UNKNOWN } from "../../provider/core/check";

const lightsail = { cloud: "lightsail", region: "us-east-1", instanceSnapshotName: "golden-1", instanceName: "web-1" };
const lighthouse = { cloud: "lighthouse", region: "ap-guangzhou", instanceId: "lhins-0f71373n", snapshotName: "before-upgrade" };

/** Invalid snapshot inputs fail at check (what `pulumi preview` runs) with the property and the rule. */
describe("in-process provider: InstanceSnapshot check", () => {
  it.each([
    ["lightsail: name too short", { ...lightsail, instanceSnapshotName: "g" }, "instanceSnapshotName", /2-255 characters/],
    ["lightsail: name characters", { ...lightsail, instanceSnapshotName: "golden image!" }, "instanceSnapshotName", /only letters, numbers, underscores and hyphens/],
    ["lightsail: no source instance", { ...lightsail, instanceName: undefined }, "instanceName", /is required/],
    ["lightsail: tag value characters", { ...lightsail, tags: { team: "ops#1" } }, "tags.team", /letters, numbers, spaces and \+ - = \. _ : \/ @/],
    ["lightsail: reserved tag key", { ...lightsail, tags: { "lightfleet-owner": "me" } }, "tags.lightfleet-owner", /reserved/],
    ["lighthouse: malformed instance id", { ...lighthouse, instanceId: "ins-123" }, "instanceId", /instance id such as/],
    ["lighthouse: no source instance", { ...lighthouse, instanceId: undefined }, "instanceId", /is required/],
    ["lighthouse: name too long", { ...lighthouse, snapshotName: "x".repeat(61) }, "snapshotName", /1-60 characters/],
    ["lightsail: region that is a path", { ...lightsail, region: "../../x" }, "region", /must be a Lightsail region id/],
    ["lightsail: region of another cloud", { ...lightsail, region: "sa-east-1" }, "region", /must be a Lightsail region: one of/],
    ["lighthouse: region not served", { ...lighthouse, region: "ap-atlantis" }, "region", /must be a Lighthouse region: one of/],
    ["lightsail: endpoint scheme", { ...lightsail, endpoint: "ftp://127.0.0.1:21" }, "endpoint", /http:\/\/ or https:\/\/ scheme/],
    ["lighthouse: zero timeout", { ...lighthouse, timeouts: { create: "0s" } }, "timeouts.create", /longer than zero/],
    ["lighthouse: fleet tag key", { ...lighthouse, tags: { "lightfleet-fleet": "abc" } }, "tags.lightfleet-fleet", /reserved for lightfleet's ownership tags/],
  ])("%s", async (_label, inputs, property, reason) => {
    const { failures } = await snapshot.check({}, inputs as Record<string, unknown>);
    expect(failures).toContainEqual({ property, reason: expect.stringMatching(reason) });
  });

  it.each(["zenlayer", "jdcloud"])("says plainly that %s has no snapshot API", async (cloud) => {
    const { failures } = await snapshot.check({}, { cloud, region: "r" });
    expect(failures).toEqual([{ property: "cloud", reason: expect.stringMatching(new RegExp(`${cloud} has no instance snapshot API.*lightsail and lighthouse`)) }]);
  });

  it("waits for a cloud given as an Output instead of refusing it at preview", async () => {
    expect((await snapshot.check({}, { ...lightsail, cloud: UNKNOWN })).failures).toEqual([]);
  });

  it("accepts valid inputs on both clouds", async () => {
    expect((await snapshot.check({}, lightsail)).failures).toEqual([]);
    expect((await snapshot.check({}, lighthouse)).failures).toEqual([]);
  });

  it("keeps the owner recorded at create, so a renamed resource (aliases, a moved stack) shows no change", async () => {
    const recorded = { ...lightsail, owner: "proj/dev/golden" };
    const { inputs } = await snapshot.check(recorded, { ...lightsail, owner: "proj/dev/golden-renamed" });
    expect(inputs.owner).toBe("proj/dev/golden");
    const outs = { cloud: "lightsail", args: recorded } as unknown as Parameters<typeof snapshot.diff>[1];
    expect((await snapshot.diff("golden-1", outs, inputs)).changes).toBe(false);
  });
});
