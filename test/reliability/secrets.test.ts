import * as fs from "fs";
import * as path from "path";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { CLOUDS, Stack, expectOk, instanceResources } from "./support";

/**
 * Secrets: passwords and user data are secret in the state, and no secret (those, nor the cloud's secret key) appears
 * in plain text in the state the backend keeps (every file of it: checkpoints, history, backups), the serialized provider
 * it holds, the engine's output or an error message. (The Automation API exports with --show-secrets, so the export
 * is only used to see that the secret inputs are marked secret.)
 */

/** backendFiles reads every file the stack's backend wrote. */
function backendFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? backendFiles(full) : [fs.readFileSync(full, "utf8")];
  });
}
jest.setTimeout(300_000);

/** The secret values the examples use, and localcloud's secret key. */
const SECRETS = ["Lightfleet#2026", "Fleet@Jd2026x", "echo hello from lightfleet", "Win#Lightfleet2026", "localcloud-secret"];
/** Where each example keeps its secret input. */
const SECRET_INPUT: Record<string, string> = { lightsail: "userData", lighthouse: "loginConfiguration", zenlayer: "password", jdcloud: "instanceSpec" };
/** The knobs that give each example a secret input: Lighthouse takes a password only for a Windows image. */
const SECRET_KNOBS: Record<string, Record<string, string>> = {
  lighthouse: { image: "lhbp-6tqbxl5c", plan: "bundle_gen_03", password: "Win#Lightfleet2026" },
};
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

describe.each(CLOUDS)("secrets on $cloud", (c) => {
  let lc: LocalcloudHandle;
  beforeAll(async () => {
    lc = await startTestLocalcloud();
  });
  afterAll(() => lc.close());

  it("never appear in plain text in state, provider, logs or errors", async () => {
    const stack = new Stack(lc, c.example, "secrets");
    const texts: string[] = [];
    const knobs = SECRET_KNOBS[c.cloud] ?? {};
    const up = expectOk(await stack.run("up", { ...knobs, count: 1 }));
    texts.push(up.log);
    const exported = expectOk(await stack.run("export", { ...knobs, count: 1 }));
    const [resource] = instanceResources(exported);
    const inputs = (exported.deployment!.deployment.resources ?? []).find((r) => String(r.urn).endsWith(c.example + "-web"))!.inputs as Record<string, unknown>;
    // The secret input is stored encrypted (a Pulumi secret), as is the copy the provider keeps to rebuild inputs.
    expect(JSON.stringify(inputs[SECRET_INPUT[c.cloud]])).toContain(SECRET_SIG);
    expect(JSON.stringify(resource.outputs.secretInputs)).toContain(SECRET_SIG);
    expect(JSON.stringify(inputs.__provider).length).toBeLessThan(4000);

    // A failing operation's message carries no secret either.
    await lc.faults([{ cloud: c.cloud, operation: c.createOperation, kind: "launchFailure", count: 1 }]);
    const failed = await stack.run("up", { ...knobs, count: 2 });
    expect(failed.ok).toBe(false);
    texts.push(failed.log, String(failed.error));
    await lc.clearFaults();
    texts.push(...backendFiles(path.join(stack.stateDir, "backend")));
    texts.push(expectOk(await stack.run("destroy", { ...knobs, count: 2 })).log);

    const leaks = SECRETS.flatMap((secret) => texts.flatMap((t, n) => (t.includes(secret) ? [`${secret} in text ${n}: ...${t.slice(Math.max(0, t.indexOf(secret) - 300), t.indexOf(secret) + 60)}`] : [])));
    expect(leaks).toEqual([]);
  });
});
