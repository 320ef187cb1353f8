import { check } from "../../../provider/instanceProvider";
import { UNKNOWN, containsUnknown, validate, withoutSecretValues } from "../../../provider/core/check";
import { drivers } from "../../../provider/clouds/registry";
import { badInputArgs, type BadInput } from "../../../examples/reliability-corpus";

/** inputs are a valid fleet of the cloud (the bad-input corpus's) with the patch applied. */
const inputs = (cloud: BadInput["cloud"], patch: Record<string, unknown>) => badInputArgs({ name: "t", cloud, patch, property: "", reason: "" }, "http://127.0.0.1:9");

describe("check with preview unknowns", () => {
  it("reports a failing literal even when another input is an unknown Output", async () => {
    const { failures } = await check({}, inputs("lightsail", { bundleId: "", tags: { team: UNKNOWN } }));
    expect(failures).toEqual([{ property: "bundleId", reason: expect.stringContaining("is required") }]);
  });

  it("reports a missing required input next to an unknown one", async () => {
    const { failures } = await check({}, inputs("zenlayer", { region: UNKNOWN, subnetId: null }));
    expect(failures).toEqual([{ property: "subnetId", reason: "is required" }]);
  });

  it("does not judge a rule whose value is not known yet", async () => {
    // The zone's region rule reads an unknown region; the rules inside an unknown object have nothing to judge.
    expect((await check({}, inputs("lightsail", { region: UNKNOWN }))).failures).toEqual([]);
    expect((await check({}, inputs("jdcloud", { instanceSpec: UNKNOWN }))).failures).toEqual([]);
    expect((await check({}, inputs("zenlayer", { instanceCount: UNKNOWN, password: UNKNOWN }))).failures).toEqual([]);
  });

  it("waits for a cloud given as an Output instead of refusing it", async () => {
    expect((await check({}, inputs("zenlayer", { cloud: UNKNOWN }))).failures).toEqual([]);
  });
});

describe("check and secrets", () => {
  it.each([
    ["zenlayer", { password: "Short1" }, "password", /^password must be 8-16 characters/],
    ["zenlayer", { initScript: 42 }, "initScript", /^initScript /],
    ["lightsail", { userData: ["echo"] }, "userData", /^userData /],
  ] as const)("names a failing %s secret input in the reason, never as the property whose value the engine prints", async (cloud, patch, input, reason) => {
    const { failures } = await check({}, inputs(cloud, patch));
    expect(failures).toContainEqual({ property: "", reason: expect.stringMatching(reason) });
    expect(failures.map((f) => f.property)).not.toContain(input);
  });

  it("names a nested failing password by its path, which holds no value the engine would print", async () => {
    const { failures } = await check({}, inputs("jdcloud", { instanceSpec: { password: "Fleet123abcX" } }));
    expect(failures).toEqual([{ property: "instanceSpec.password", reason: expect.stringContaining("consecutive digits") }]);
  });

  it("masks a secret a failure's reason would quote", () => {
    const failures = withoutSecretValues([{ property: "keyId", reason: 'conflicts with "Hunter#22x"' }], { password: "Hunter#22x" }, [["password"]]);
    expect(JSON.stringify(failures)).not.toContain("Hunter#22x");
  });
});

describe("check of a huge count", () => {
  it("refuses a Zenlayer instanceCount of a billion by its range without expanding a name for each", async () => {
    const started = Date.now();
    const { failures } = await check({}, inputs("zenlayer", { instanceCount: 1e9, instanceName: "web[1,6]" }));
    expect(failures).toEqual([{ property: "instanceCount", reason: "must be 1-100" }]);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("check's rules", () => {
  it("refuses a cloud it does not know, naming the clouds it does", async () => {
    const { failures } = await check({}, { cloud: "azure", region: "westeurope" });
    expect(failures).toEqual([{ property: "cloud", reason: 'must be one of lightsail, lighthouse, zenlayer, jdcloud (got "azure")' }]);
  });

  it("reports every failure at once, each naming its property and rule", async () => {
    const { failures } = await check({}, inputs("lightsail", { bundleId: "", blueprintId: null, instanceNames: [] }));
    expect(failures.map((f) => f.property).sort()).toEqual(["blueprintId", "bundleId", "instanceNames"]);
    expect(failures.find((f) => f.property === "blueprintId")?.reason).toMatch(/^is required/);
    for (const f of failures) expect(f.reason).not.toBe("");
  });

  it("names a nested property by its dotted path", async () => {
    const { failures } = await check({}, inputs("jdcloud", { instanceSpec: { systemDisk: { diskType: "ssd.gp1", diskSizeGB: -1 } } }));
    expect(failures.map((f) => f.property)).toContain("instanceSpec.systemDisk.diskSizeGB");
  });

  it("passes valid inputs of every cloud", () => {
    for (const cloud of ["lightsail", "lighthouse", "zenlayer", "jdcloud"] as const) expect(validate(drivers[cloud], inputs(cloud, {}), Object.values(drivers)).failures).toEqual([]);
  });

  it("finds a preview unknown anywhere in a value", () => {
    expect(containsUnknown({ a: [{ b: UNKNOWN }] })).toBe(true);
    expect(containsUnknown({ a: [{ b: "known" }], c: null })).toBe(false);
  });

  it("leaves a failure that quotes no secret as it is", () => {
    const failure = { property: "bundleId", reason: "must be one of nano_3_0, micro_3_0" };
    expect(withoutSecretValues([failure], { userData: "#!/bin/sh" }, [["userData"]])).toEqual([failure]);
  });
});
