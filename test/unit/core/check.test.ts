import { check } from "../../../provider/instanceProvider";
import { UNKNOWN, withoutSecretValues } from "../../../provider/core/check";
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
