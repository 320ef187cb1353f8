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
    ["zenlayer", { password: "Short1" }, ["password"]],
    ["jdcloud", { instanceSpec: { password: "Fleet123abcX" } }, ["instanceSpec", "password"]],
  ] as const)("never answers a failing %s password's value", async (cloud, patch, path) => {
    const secret = path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], patch) as string;
    const result = await check({}, inputs(cloud, patch));
    expect(result.failures.map((f) => f.property)).toContain(path.join("."));
    // The engine prints each failing property's value from the inputs check answers.
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it("keeps the inputs of a passing check as they are", async () => {
    const news = inputs("zenlayer", {});
    expect((await check({}, news)).inputs).toBe(news);
  });

  it("masks a secret a failure's reason would quote", () => {
    const out = withoutSecretValues({ password: "Hunter#22x" }, [{ property: "password", reason: 'must not be "Hunter#22x"' }], [["password"]]);
    expect(JSON.stringify(out)).not.toContain("Hunter#22x");
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
