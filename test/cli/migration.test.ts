import * as fs from "fs";
import * as path from "path";
import { CLOUDS } from "../../provider/core/types";
import { CliProject, CliWorkspace, withProperties } from "../support/cli";
import { localcloudConfig, newStateDir, runStack } from "../support/engine";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

jest.setTimeout(300_000);

/**
 * The documented move of a stack's dynamic Instances to the native types (README, "Moving a stack from the dynamic
 * Instance"): drop the dynamic resources from the state, import the same ids as `lightfleet:<cloud>:Instance`, and
 * make the program what the import generated. The instances are never touched.
 */
describe("moving a stack's dynamic Instances to lightfleet:<cloud>:Instance", () => {
  let lc: LocalcloudHandle;
  const stateDir = newStateDir("migration");

  beforeAll(async () => {
    lc = await startTestLocalcloud();
  });
  afterAll(async () => {
    await lc.close();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it("keeps every instance, and the next preview of the YAML program shows no change", async () => {
    // A TypeScript program with one dynamic Instance on each cloud (examples/quickstart), through the Automation API.
    const { config, secrets } = localcloudConfig(lc.url);
    const up = await runStack("up", { example: "quickstart", stack: "mig", stateDir, config, secrets });
    if (!up.ok) throw new Error(`the dynamic stack did not come up: ${up.error}\n${up.log.slice(-3000)}`);
    const before = await lc.instances();

    // The project folder keeps its stack settings (Pulumi.mig.yaml: config, encryption salt); the program changes.
    const ws = new CliWorkspace("migration", stateDir);
    const project = new CliProject(ws, path.join(stateDir, "work"));
    await project.pulumi(["stack", "select", "mig"]);
    const state = await project.resources();
    const dynamic = state.filter((r) => r.type.endsWith("lightfleet:Instance"));
    expect(dynamic.map((r) => r.outputs!.cloud).sort()).toEqual([...CLOUDS].sort());
    for (const r of dynamic) await project.pulumi(["state", "delete", r.urn, "--yes"]);
    // With no dynamic resource left, the dynamic provider's entry goes too (else the next update deletes it).
    for (const r of state.filter((r) => r.type === "pulumi:providers:pulumi-nodejs")) await project.pulumi(["state", "delete", r.urn, "--yes"]);

    const header = "name: lightfleet\nruntime: yaml\n";
    project.write(header);
    const resources = dynamic.map((r) => ({ type: `lightfleet:${String(r.outputs!.cloud)}:Instance`, name: r.urn.split("::").pop()!, id: r.id! }));
    fs.writeFileSync(path.join(project.dir, "import.json"), JSON.stringify({ resources }));
    const generated = path.join(project.dir, "imported.yaml");
    await project.pulumi(["import", "--file", "import.json", "--yes", "--protect=false", "--out", generated]);
    // Zenlayer never shows the login password, which its inputs require: the program gives it, as the old one did;
    // and the program keeps the stack outputs the old one exported.
    const outputs = ["instances", "publicIps"].map((o) => `  ${o}:\n${CLOUDS.map((c) => `    ${c}: \${${c}-web.${o}}\n`).join("")}`).join("");
    const program = `${header}${fs.readFileSync(generated, "utf8")}outputs:\n${outputs}`;
    project.write(withProperties(program, "zenlayer-web", ["password:", '  fn::secret: "Lightfleet#2026"']));

    const preview = await project.pulumi(["preview", "--diff", "--expect-no-changes"]);
    // The stack and its four fleets, outputs included.
    expect(preview.output).toMatch(/\b5 unchanged/);
    expect(preview.output).not.toMatch(/outputs:/);
    const moved = (await project.resources()).filter((r) => /^lightfleet:\w+:Instance$/.test(r.type));
    expect(moved.map((r) => r.id).sort()).toEqual(dynamic.map((r) => r.id).sort());
    expect(await lc.instances()).toEqual(before);

    // The native resources now own the fleets: destroy removes every instance.
    await project.pulumi(["destroy", "--yes"]);
    expect(await lc.instances()).toEqual([]);
  });
});
