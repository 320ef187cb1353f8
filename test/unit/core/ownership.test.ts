import { drivers } from "../../../provider/clouds/registry";
import type { CommonArgs } from "../../../provider/core/commonSchema";
import { CLOUDS } from "../../../provider/core/types";
import { FLEET_TAG, OWNER_TAG, OWNERSHIP_TAG_COUNT, isOwnershipTag, ownerTagsOf } from "../../../provider/core/ownership";
import { fleetInputs } from "../../support/cloudInputs";

/** argsOf validates the test inputs of a cloud as check would. */
function argsOf(cloud: (typeof CLOUDS)[number], owner: string): CommonArgs {
  return drivers[cloud].schema.parse(fleetInputs(cloud, "http://127.0.0.1:1", 2, owner));
}

describe("ownership tags", () => {
  it.each(CLOUDS)("%s: proves the owning resource, and keeps it within the tag value characters clouds accept", (cloud) => {
    const tags = ownerTagsOf(drivers[cloud], argsOf(cloud, "proj/dev/web#1 (blue)"));
    expect(Object.keys(tags)).toHaveLength(OWNERSHIP_TAG_COUNT);
    expect(tags[OWNER_TAG]).toBe("proj/dev/web_1 _blue_");
    expect(Object.keys(tags).every(isOwnershipTag)).toBe(true);
  });

  it("names a new fleet when a field that replaces it changes, and the same fleet when one updated in place changes", () => {
    const driver = drivers.lighthouse;
    const base = argsOf("lighthouse", "p/s/r") as CommonArgs & Record<string, unknown>;
    const fleet = ownerTagsOf(driver, base)[FLEET_TAG];
    expect(ownerTagsOf(driver, { ...base, instanceName: "renamed" } as CommonArgs)[FLEET_TAG]).toBe(fleet);
    expect(ownerTagsOf(driver, { ...base, bundleId: "bundle_gen_02" } as CommonArgs)[FLEET_TAG]).not.toBe(fleet);
  });

  // coc-vm has no tags at all, so JD Cloud refuses every tag.
  it.each(CLOUDS.filter((c) => c !== "jdcloud"))("%s: refuses a user tag that would forge an ownership tag", (cloud) => {
    const parsed = drivers[cloud].schema.safeParse({ ...fleetInputs(cloud, "http://127.0.0.1:1", 1, "o"), tags: { [FLEET_TAG]: "x" } });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(/reserved for lightfleet's ownership tags/);
  });
});
