import { drivers } from "../../../provider/clouds/registry";
import { UNKNOWN } from "../../../provider/core/check";
import { changedFields, detailedDiffOf, type FieldChange } from "../../../provider/core/diff";
import type { DriverContext } from "../../../provider/core/driver";
import type { CloudName, InstanceView } from "../../../provider/core/types";
import { CLOUDS } from "../../../provider/core/types";
import { fleetInputs } from "../../support/cloudInputs";

/** TAGGED are the clouds whose instances take tags (coc-vm has none). */
const TAGGED: CloudName[] = CLOUDS.filter((c) => c !== "jdcloud");

/** fleet is a valid fleet of the cloud, tagged where the cloud has tags, as its schema reads the inputs. */
function fleet(cloud: CloudName): Record<string, unknown> {
  const tags = TAGGED.includes(cloud) ? { tags: { team: "web" } } : {};
  return drivers[cloud].schema.parse({ ...fleetInputs(cloud, "http://127.0.0.1:9", 2, "diff/test/web"), ...tags }) as Record<string, unknown>;
}

/** changed lists the changes between a fleet and the same fleet with `patch` applied. */
function changed(cloud: CloudName, patch: (args: Record<string, unknown>) => Record<string, unknown>): FieldChange[] {
  const olds = fleet(cloud);
  return changedFields(drivers[cloud], olds, drivers[cloud].schema.parse(patch(structuredClone(olds))) as Record<string, unknown>);
}

const replaces = (field: string): FieldChange[] => [{ field, rule: "replace" }];
const updates = (field: string): FieldChange[] => [{ field, rule: "update" }];

describe("the diff table of each cloud: which change replaces the fleet and which updates it in place", () => {
  test.each([
    ["lightsail", "another bundle", (a) => ({ ...a, bundleId: "small_3_0" }), replaces("bundleId")],
    ["lightsail", "another image", (a) => ({ ...a, blueprintId: "debian_12" }), replaces("blueprintId")],
    ["lightsail", "another zone", (a) => ({ ...a, availabilityZone: "us-east-1b" }), replaces("availabilityZone")],
    ["lightsail", "new user data", (a) => ({ ...a, userData: "#!/bin/sh\necho hi" }), replaces("userData")],
    ["lightsail", "one more name", (a) => ({ ...a, instanceNames: [...(a.instanceNames as string[]), "diff-test-web-3"] }), updates("instanceNames")],
    ["lightsail", "IPv6 only", (a) => ({ ...a, ipAddressType: "ipv6" }), updates("ipAddressType")],
    ["lightsail", "automatic snapshots", (a) => ({ ...a, addOns: [{ addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" } }] }), updates("addOns")],
    ["lighthouse", "another bundle", (a) => ({ ...a, bundleId: "bundle_gen_02" }), replaces("bundleId")],
    ["lighthouse", "other zones", (a) => ({ ...a, zones: ["ap-guangzhou-4"] }), replaces("zones")],
    ["lighthouse", "a longer prepaid period", (a) => ({ ...a, instanceChargePrepaid: { period: 3, renewFlag: "NOTIFY_AND_MANUAL_RENEW" } }), replaces("instanceChargePrepaid")],
    ["lighthouse", "a new name", (a) => ({ ...a, instanceName: "renamed" }), updates("instanceName")],
    ["lighthouse", "more instances", (a) => ({ ...a, instanceCount: 3 }), updates("instanceCount")],
    ["zenlayer", "another plan", (a) => ({ ...a, instanceType: "z2a.cpu.2" }), replaces("instanceType")],
    ["zenlayer", "no public IPv4", (a) => ({ ...a, enableIpv4: false }), replaces("enableIpv4")],
    ["zenlayer", "a new password", (a) => ({ ...a, password: "Lightfleet#2027" }), replaces("password")],
    ["zenlayer", "a new name", (a) => ({ ...a, instanceName: "api[1,2]" }), updates("instanceName")],
    ["zenlayer", "more instances", (a) => ({ ...a, instanceCount: 3 }), updates("instanceCount")],
    ["zenlayer", "a discount code", (a) => ({ ...a, marketingOptions: { discountCode: "SPRING" } }), updates("marketingOptions")],
    ["jdcloud", "another instance type", (a) => ({ ...a, instanceSpec: { ...(a.instanceSpec as object), instanceType: "c.n2.large" } }), replaces("instanceSpec")],
    ["jdcloud", "a new password", (a) => ({ ...a, instanceSpec: { ...(a.instanceSpec as object), password: "Fleet@Jd2027x" } }), replaces("instanceSpec")],
    ["jdcloud", "a new name", (a) => ({ ...a, instanceSpec: { ...(a.instanceSpec as object), name: "renamed" } }), updates("instanceSpec.name")],
    ["jdcloud", "a description", (a) => ({ ...a, instanceSpec: { ...(a.instanceSpec as object), description: "web tier" } }), updates("instanceSpec.description")],
    ["jdcloud", "more instances", (a) => ({ ...a, maxCount: 3 }), updates("maxCount")],
  ] as Array<[CloudName, string, (a: Record<string, unknown>) => Record<string, unknown>, FieldChange[]]>)("%s: %s", (cloud, _what, patch, expected) => {
    expect(changed(cloud, patch)).toEqual(expected);
  });

  test("JD Cloud: a renamed fleet with another instance type is replaced, the rename riding along", () => {
    const both = changed("jdcloud", (a) => ({ ...a, instanceSpec: { ...(a.instanceSpec as object), name: "renamed", instanceType: "c.n2.large" } }));
    expect(both).toEqual(expect.arrayContaining([...updates("instanceSpec.name"), ...replaces("instanceSpec")]));
    expect(both).toHaveLength(2);
  });
});

describe.each(CLOUDS)("the fields core governs on %s", (cloud) => {
  test("another region or account replaces the fleet", () => {
    expect(changed(cloud, (a) => ({ ...a, account: "staging" }))).toEqual(replaces("account"));
    expect(changedFields(drivers[cloud], fleet(cloud), { ...fleet(cloud), region: "elsewhere-1" })).toEqual(replaces("region"));
  });

  test("timeouts, endpoint and owner update only the record", () => {
    expect(changed(cloud, (a) => ({ ...a, timeouts: { create: "40m" } }))).toEqual(updates("timeouts"));
    expect(changed(cloud, (a) => ({ ...a, endpoint: "http://127.0.0.1:10" }))).toEqual(updates("endpoint"));
    expect(changed(cloud, (a) => ({ ...a, owner: "diff/test/api" }))).toEqual(updates("owner"));
  });

  test("the same inputs written in another key order are no change", () => {
    const olds = fleet(cloud);
    const reordered = Object.fromEntries(Object.entries(olds).reverse());
    expect(changedFields(drivers[cloud], olds, reordered)).toEqual([]);
  });

  test("a value not known yet (preview) counts as changed, by the rule of its field", () => {
    expect(changedFields(drivers[cloud], fleet(cloud), { ...fleet(cloud), owner: UNKNOWN })).toEqual(updates("owner"));
    expect(changedFields(drivers[cloud], fleet(cloud), { ...fleet(cloud), account: UNKNOWN })).toEqual(replaces("account"));
  });

  test("a field no rule names replaces: lightfleet cannot know how the cloud would change it in place", () => {
    expect(changedFields(drivers[cloud], fleet(cloud), { ...fleet(cloud), somethingNew: 1 })).toEqual(replaces("somethingNew"));
  });
});

describe.each(TAGGED)("tags on %s", (cloud) => {
  test("new tags, or one not known yet, update the fleet in place", () => {
    expect(changed(cloud, (a) => ({ ...a, tags: { team: "api" } }))).toEqual(updates("tags"));
    expect(changedFields(drivers[cloud], fleet(cloud), { ...fleet(cloud), tags: { team: UNKNOWN } })).toEqual(updates("tags"));
  });
});

/** recording is a driver context whose calls are recorded and answered with nothing. */
function recording(cloud: CloudName): { ctx: DriverContext; calls: string[] } {
  const calls: string[] = [];
  const ctx = {
    cloud,
    region: "r",
    endpoint: "http://127.0.0.1:9",
    account: "a",
    clock: { now: () => 0, random: () => 0.5, sleep: async () => undefined },
    deadline: Infinity,
    send: async (call: { operation: string }) => {
      calls.push(call.operation);
      return undefined;
    },
    waitFor: async () => new Map(),
    batch: async () => undefined,
    log: () => undefined,
  } as unknown as DriverContext;
  return { ctx, calls };
}

/** instancesOf are the fleet's instances as the cloud shows them after its create: its names, tags and address type. */
function instancesOf(cloud: CloudName, args: Record<string, unknown>): InstanceView[] {
  const names = (args.instanceNames as string[] | undefined) ?? ["one", "two"];
  return names.map((name, i) => ({
    id: cloud === "lightsail" ? name : `i-${i}`,
    name: cloud === "zenlayer" ? `resume0${i + 1}` : cloud === "jdcloud" ? "resume" : cloud === "lighthouse" ? "resume" : name,
    state: "running",
    phase: "ready",
    ipv6Addresses: [],
    tags: { ...((args.tags as Record<string, string>) ?? {}) },
    raw: { ipAddressType: args.ipAddressType, addOns: [] },
  }));
}

type Patch = (a: Record<string, unknown>) => Record<string, unknown>;

/** COSMETIC are the changes every cloud records without touching its instances, and those one cloud adds. */
const COSMETIC: Array<[string, Patch]> = [
  ["timeouts", (a) => ({ ...a, timeouts: { delete: "5m" } })],
  ["endpoint", (a) => ({ ...a, endpoint: "http://127.0.0.1:10" })],
  ["owner", (a) => ({ ...a, owner: "diff/test/api" })],
];
const COSMETIC_ON: Partial<Record<CloudName, Array<[string, Patch]>>> = {
  // A discount code matters at purchase only.
  zenlayer: [["marketingOptions", (a) => ({ ...a, marketingOptions: { discountCode: "SPRING" } })]],
};

describe.each(CLOUDS)("cosmetic changes on %s", (cloud) => {
  test.each([...COSMETIC, ...(COSMETIC_ON[cloud] ?? [])])("a change of %s updates without a single cloud call", async (_field, patch) => {
    const driver = drivers[cloud];
    const olds = fleet(cloud);
    const news = driver.schema.parse(patch(structuredClone(olds)));
    const { ctx, calls } = recording(cloud);
    await driver.update(ctx, instancesOf(cloud, olds), olds as never, news as never);
    expect(calls).toEqual([]);
  });
});

describe("the property-level diff: each changed field's kind", () => {
  it("names a field added, deleted or changed, and whether it replaces the fleet, down to a nested field", () => {
    const olds = fleet("jdcloud");
    const spec = olds.instanceSpec as Record<string, unknown>;
    const news: Record<string, unknown> = { ...olds, instanceSpec: { ...spec, name: "renamed", imageId: "img-debian12" }, timeouts: { create: "5m" } };
    delete news.maxCount;
    const changes = changedFields(drivers.jdcloud, olds, news);
    expect(detailedDiffOf(changes, olds, news)).toEqual({
      "instanceSpec.name": "update",
      instanceSpec: "update-replace",
      timeouts: "add",
      maxCount: "delete",
    });
  });
});
