import { lightsailDriver } from "../../../provider/clouds/lightsail";
import { changedFields } from "../../../provider/core/diff";

describe("changedFields and accounts", () => {
  const fleet = { cloud: "lightsail", region: "us-east-1", instanceNames: ["web-1"], availabilityZone: "us-east-1a", blueprintId: "ubuntu_22_04", bundleId: "nano_3_0" };

  it("replaces a fleet moved to another account, and leaves one that keeps its account alone", () => {
    expect(changedFields(lightsailDriver, { ...fleet, account: "prod" }, { ...fleet, account: "staging" })).toEqual([{ field: "account", rule: "replace" }]);
    expect(changedFields(lightsailDriver, { ...fleet, account: "prod" }, { ...fleet, account: "prod" })).toEqual([]);
    expect(changedFields(lightsailDriver, fleet, fleet)).toEqual([]);
  });
});
