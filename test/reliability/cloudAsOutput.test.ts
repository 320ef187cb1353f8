import * as fs from "fs";
import * as path from "path";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { Stack, expectOk } from "./support";

/**
 * `cloud` given as an Output of another resource: the preview accepts it though it is unknown then, the update
 * creates the fleets (and a snapshot of one) once it is known, and their user data and password are secrets in the
 * state as when `cloud` is a literal.
 */
jest.setTimeout(300_000);

/** SECRET_SIG marks a Pulumi secret in an exported state. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRETS = { "late-lightsail": ["userData", "echo late user data from lightfleet"], "late-zenlayer": ["password", "Late#Fleet2026"] };

/** backendFiles reads every file the stack's backend wrote. */
function backendFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? backendFiles(full) : [fs.readFileSync(full, "utf8")];
  });
}

describe("cloud given as an Output", () => {
  let lc: LocalcloudHandle;
  beforeAll(async () => {
    lc = await startTestLocalcloud();
  });
  afterAll(() => lc.close());

  it("previews, creates fleets and a snapshot, and keeps the secret inputs secret in the state", async () => {
    const stack = new Stack(lc, "reliability-cloud-output", "cloudout");
    expectOk(await stack.run("preview"));
    const up = expectOk(await stack.run("up"));
    expect(up.outputs!.zenlayer as string[]).toHaveLength(1);
    expect(up.outputs!.lightsail).toEqual(["late-1"]);
    expect(up.outputs!.snapshotOf).toBe("late-1");

    const exported = expectOk(await stack.run("export"));
    const resources = (exported.deployment!.deployment.resources ?? []) as Array<{ urn: string; inputs?: Record<string, unknown> }>;
    for (const [name, [input]] of Object.entries(SECRETS)) {
      const inputs = resources.find((r) => r.urn.endsWith(`::${name}`))!.inputs!;
      expect(JSON.stringify(inputs[input])).toContain(SECRET_SIG);
    }
    const stored = backendFiles(path.join(stack.stateDir, "backend")).join("\n");
    for (const [, secret] of Object.values(SECRETS)) expect(stored).not.toContain(secret);
  });
});
