import { drivers } from "../../../provider/clouds/registry";
import { CLOUDS, type CloudName } from "../../../provider/core/types";
import { SUFFIX_LENGTH, generatedFor, generatedName, withAutoName, withRecordedOwner } from "../../../provider/core/naming";
import { fleetInputs } from "../../support/cloudInputs";

/** unnamed are valid inputs of a fleet of `count` that give no instance name. */
function unnamed(cloud: CloudName, owner: string, count = 2): Record<string, unknown> {
  const inputs = fleetInputs(cloud, "http://127.0.0.1:1", count, owner);
  if (cloud === "lightsail") {
    delete inputs.instanceNames;
    inputs.instanceCount = count;
  }
  if (cloud === "lighthouse" || cloud === "zenlayer") delete inputs.instanceName;
  if (cloud === "jdcloud") inputs.instanceSpec = { ...(inputs.instanceSpec as object), name: undefined };
  return JSON.parse(JSON.stringify(inputs)) as Record<string, unknown>;
}

/** namesOf are the names the checked inputs give the fleet's instances. */
function namesOf(cloud: CloudName, inputs: Record<string, unknown>): string[] {
  if (cloud === "lightsail") return inputs.instanceNames as string[];
  if (cloud === "jdcloud") return [(inputs.instanceSpec as { name: string }).name];
  return [inputs.instanceName as string];
}

const named = (cloud: CloudName, olds: Record<string, unknown>, news: Record<string, unknown>) => withAutoName(drivers[cloud].autoNaming, olds, news);

describe("generated instance names", () => {
  it.each(CLOUDS)("%s: a fleet without a name gets <resource name>-<7 random characters>, which the cloud's rules accept", (cloud) => {
    const checked = named(cloud, {}, unnamed(cloud, "proj/dev/web"));
    const names = namesOf(cloud, checked);
    const pattern = new RegExp(`^web-[a-z0-9]{${SUFFIX_LENGTH}}${cloud === "lightsail" ? "-\\d+" : ""}$`);
    for (const name of names) expect(name).toMatch(pattern);
    if (cloud === "lightsail") expect(names).toEqual([`${checked.autoName}-1`, `${checked.autoName}-2`]);
    expect(drivers[cloud].schema.safeParse(checked).error?.issues).toBeUndefined();
  });

  it.each(CLOUDS)("%s: two stacks of one program get different names", (cloud) => {
    const dev = namesOf(cloud, named(cloud, {}, unnamed(cloud, "proj/dev/web")));
    const prod = namesOf(cloud, named(cloud, {}, unnamed(cloud, "proj/prod/web")));
    expect(dev.some((n) => prod.includes(n))).toBe(false);
  });

  it.each(CLOUDS)("%s: a later check keeps the recorded name, also after a rename", (cloud) => {
    const first = named(cloud, {}, unnamed(cloud, "proj/dev/web"));
    const again = named(cloud, first, unnamed(cloud, "proj/dev/renamed"));
    expect(namesOf(cloud, again)).toEqual(namesOf(cloud, first));
  });

  it.each(CLOUDS)("%s: an explicit name wins over a recorded generated one", (cloud) => {
    const first = named(cloud, {}, unnamed(cloud, "proj/dev/web"));
    const explicit = fleetInputs(cloud, "http://127.0.0.1:1", 2, "proj/dev/web");
    const checked = named(cloud, first, explicit);
    expect(namesOf(cloud, checked)).toEqual(namesOf(cloud, explicit));
    expect(checked.autoName).toBeUndefined();
  });

  it.each(CLOUDS)("%s: a long resource name with characters the cloud refuses is cut and cleaned, never the suffix", (cloud) => {
    const logical = `..my web/${"x".repeat(300)}`;
    const checked = named(cloud, {}, unnamed(cloud, `proj/dev/${logical}`));
    expect(drivers[cloud].schema.safeParse(checked).error?.issues).toBeUndefined();
    for (const name of namesOf(cloud, checked)) {
      expect(name.startsWith("my-web-xxx")).toBe(true);
      expect(String(checked.autoName)).toMatch(new RegExp(`x-[a-z0-9]{${SUFFIX_LENGTH}}$`));
    }
  });

  it("lightsail: growing a generated fleet adds the next numbers and keeps the others", () => {
    const first = named("lightsail", {}, unnamed("lightsail", "proj/dev/web", 2));
    const grown = named("lightsail", first, unnamed("lightsail", "proj/dev/web", 3));
    expect(grown.instanceNames).toEqual([...(first.instanceNames as string[]), `${first.autoName}-3`]);
  });

  it("lightsail: refuses both instanceNames and instanceCount, naming the property", () => {
    const both = { ...fleetInputs("lightsail", "http://127.0.0.1:1", 1, "p/s/r"), instanceCount: 2 };
    const issues = drivers.lightsail.schema.safeParse(named("lightsail", {}, both)).error?.issues ?? [];
    expect(issues.map((i) => [i.path.join("."), i.message])).toContainEqual(["instanceCount", expect.stringMatching(/not both/)]);
  });

  it("zenlayer: a fleet created before names were generated keeps the cloud's default name", () => {
    const olds = unnamed("zenlayer", "proj/dev/web");
    expect(named("zenlayer", olds, unnamed("zenlayer", "proj/dev/web")).instanceName).toBeUndefined();
  });
});

describe("the recorded owner", () => {
  it("stays what it was at create when the resource or its stack is renamed", () => {
    expect(withRecordedOwner({ owner: "proj/dev/web" }, { owner: "proj/prod/renamed" }).owner).toBe("proj/dev/web");
    expect(withRecordedOwner({}, { owner: "proj/dev/web" }).owner).toBe("proj/dev/web");
  });
});

describe("a name read back from the cloud (an import)", () => {
  it.each(CLOUDS)("%s: is known as generated for the resource whose owner tag the instances carry, and for no other", (cloud) => {
    const { autoNaming } = drivers[cloud];
    const base = generatedName("web", "a1b2c3d", autoNaming);
    expect(generatedFor(autoNaming, "proj/dev/web", base)).toBe(true);
    expect(generatedFor(autoNaming, "proj/dev/api", base)).toBe(false);
    expect(generatedFor(autoNaming, undefined, base)).toBe(false);
    expect(generatedFor(autoNaming, "proj/dev/web", "web")).toBe(false);
  });

  it("reads the owner tag of a resource with a parent, whose `~` a tag value writes `_`", () => {
    const { autoNaming } = drivers.zenlayer;
    expect(generatedFor(autoNaming, "proj/dev/_0123abcd/web", generatedName("web", "zz9zz9z", autoNaming))).toBe(true);
  });
});
