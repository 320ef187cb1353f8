import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { asCloudAdmin } from "../support/lifecycleSuite";
import { check } from "../../provider/instanceProvider";
import { Stack } from "./support";
import { badInputArgs, type BadInput } from "../../examples/reliability-corpus";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const corpus = require("./badInputs.json") as BadInput[];

/**
 * Bad input: a corpus of invalid inputs drawn from the clouds' documented rules (lengths, characters, ranges, enums,
 * cross-field rules, tag limits, `HH:00` times, the 32 KB init script). Each is rejected by the provider's check with
 * a message naming the property and the rule, and localcloud receives no request. The engine stops a preview at the
 * first resource whose check fails (`--continue-on-error` exists for up and destroy only), so every entry goes
 * through the provider's check in-process, and one preview of the whole corpus program proves the engine path: it
 * fails, shows such a message, and the cloud hears nothing.
 */
jest.setTimeout(300_000);

describe("invalid inputs", () => {
  let lc: LocalcloudHandle;
  beforeAll(async () => {
    lc = await startTestLocalcloud();
    asCloudAdmin();
  });
  afterAll(() => lc.close());

  it(`check rejects each of the ${corpus.length} entries naming the property and the rule, without calling the cloud`, async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    const missed: string[] = [];
    for (const bad of corpus) {
      const { failures } = await check({}, badInputArgs(bad, lc.url));
      // A failing secret input is named at the start of the reason (the engine would print its value next to a property).
      const named = (f: { property: string; reason: string }) => f.property === bad.property || (f.property === "" && f.reason.startsWith(`${bad.property} `));
      if (!failures.some((f) => named(f) && f.reason.includes(bad.reason))) {
        missed.push(`${bad.name}: wanted ${bad.property} "${bad.reason}", got ${JSON.stringify(failures)}`);
      }
    }
    expect(missed).toEqual([]);
    expect((await lc.stats()).calls).toEqual({});
  });

  it("a preview of the corpus fails in the engine with the property and the rule, and the cloud hears nothing", async () => {
    const stack = new Stack(lc, "reliability-corpus", "corpus");
    const r = await stack.run("preview", { corpus: path.join(__dirname, "badInputs.json") });
    expect(r.ok).toBe(false);
    const shown = corpus.filter((bad) =>
      `${r.error}\n${r.log}`.split("\n").some((l) => l.includes(`'${bad.name}'`) && l.includes(`property ${bad.property} `) && l.includes(bad.reason)),
    );
    expect(shown.length).toBeGreaterThanOrEqual(1);
    expect((await lc.stats()).calls).toEqual({});
  });

  it("a preview that fails on a password names the rule and never prints the password", async () => {
    const passwords = corpus.filter((bad) => bad.property === "password" && typeof bad.patch.password === "string");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-corpus-")), "passwords.json");
    fs.writeFileSync(file, JSON.stringify(passwords));
    const r = await new Stack(lc, "reliability-corpus", "passwords").run("preview", { corpus: file });
    expect(r.ok).toBe(false);
    const printed = `${r.error}\n${r.log}`;
    // The engine stops at the first resource whose check fails, whichever that is: one of them is named with its rule.
    const named = passwords.filter((bad) => printed.split("\n").some((l) => l.includes(`resource '${bad.name}' has a problem: password `) && l.includes(bad.reason)));
    expect(named.length).toBeGreaterThanOrEqual(1);
    for (const bad of passwords) expect(printed).not.toContain(String(bad.patch.password));
  });
});
