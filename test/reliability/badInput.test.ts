import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { asCloudAdmin } from "../support/lifecycleSuite";
import { check } from "../../provider/instanceProvider";
import { getPath } from "../../provider/core/paths";
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

/**
 * shownIn tells whether the engine's output names the entry's resource, property and rule: as the failing property,
 * or, for a property whose value the engine must not print, at the start of the problem.
 */
function shownIn(printed: string, bad: BadInput): boolean {
  return printed
    .split("\n")
    .some((l) => l.includes(`'${bad.name}'`) && (l.includes(`property ${bad.property} `) || l.includes(`has a problem: ${bad.property} `)) && l.includes(bad.reason));
}

/** previewOf previews a program of the given corpus entries. */
async function previewOf(lc: LocalcloudHandle, stackName: string, entries: BadInput[]) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-corpus-")), `${stackName}.json`);
  fs.writeFileSync(file, JSON.stringify(entries));
  const r = await new Stack(lc, "reliability-corpus", stackName).run("preview", { corpus: file });
  return { ...r, printed: `${r.error}\n${r.log}` };
}

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
    expect(corpus.filter((bad) => shownIn(`${r.error}\n${r.log}`, bad)).length).toBeGreaterThanOrEqual(1);
    expect((await lc.stats()).calls).toEqual({});
  });

  it("a preview that fails on a password names the rule and never prints the password", async () => {
    const passwords = corpus.filter((bad) => bad.property === "password" && typeof bad.patch.password === "string");
    const { ok, printed } = await previewOf(lc, "passwords", passwords);
    expect(ok).toBe(false);
    // The engine stops at the first resource whose check fails, whichever that is: one of them is named with its rule.
    const named = passwords.filter((bad) => printed.split("\n").some((l) => l.includes(`resource '${bad.name}' has a problem: password `) && l.includes(bad.reason)));
    expect(named.length).toBeGreaterThanOrEqual(1);
    for (const bad of passwords) expect(printed).not.toContain(String(bad.patch.password));
  });

  it("a preview that fails on a key the cloud does not take names it and the field meant, never its value", async () => {
    // The misspelt secrets, and one entry a cloud: the engine path is the same for all (check covers each above).
    const unknownKeys = corpus.filter((bad) => bad.name.includes("-unknown-"));
    const misspeltSecrets = unknownKeys.filter((bad) => /pas+w/i.test(bad.property));
    const onePerCloud = (["lightsail", "lighthouse", "zenlayer", "jdcloud"] as const).map((cloud) => unknownKeys.find((bad) => bad.cloud === cloud)!);
    const previewed = [...new Set([...onePerCloud, ...misspeltSecrets])];
    expect(misspeltSecrets.length).toBeGreaterThanOrEqual(3);
    const { ok, printed } = await previewOf(lc, "unknown-keys", previewed);
    expect(ok).toBe(false);
    // The engine stops at the first resource whose check fails, whichever that is: one of them is named with its hint.
    expect(previewed.filter((bad) => shownIn(printed, bad)).length).toBeGreaterThanOrEqual(1);
    for (const bad of misspeltSecrets) expect(printed).not.toContain(String(getPath(bad.patch, bad.property.split("."))));
    expect((await lc.stats()).calls).toEqual({});
  });
});
