import { DeleteInstanceCommand, LightsailClient } from "@aws-sdk/client-lightsail";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../support/engine";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { expectOk, reapPlugins, until } from "../reliability/support";
import { Machine, alive, startBackend, type BackendServer, type StackSpec } from "./support";

/**
 * The GitOps loop of examples/gitops: its workflow's commands, in the workflow's order, on a PostgreSQL state backend
 * against localcloud. `preview --diff` (pull request) and `up` (merge) run the TypeScript program, so they go through
 * the stack runner (the Automation API's inline mode: the engine built for the tests has no nodejs language host);
 * the nightly drift check runs no program, so the workflow's own `run:` lines (login, then `pulumi refresh
 * --preview-only --expect-no-changes`) run as written, with the `pulumi` CLI.
 */
jest.setTimeout(600_000);

const FLEET: StackSpec = { example: "gitops", stack: "us-east-1", knobs: { region: "us-east-1", size: 2 } };

/** workflowRun is the `run:` line of the workflow that starts with `prefix`, for one stack of its matrix. */
function workflowRun(prefix: string, stack: string): string {
  const workflow = fs.readFileSync(path.join(ROOT, "examples", "gitops", ".github", "workflows", "fleet.yml"), "utf8");
  const line = workflow.split("\n").map((l) => l.trim().replace(/^- /, "")).find((l) => l.startsWith(`run: ${prefix}`));
  if (!line) throw new Error(`the workflow has no step running ${prefix}`);
  return line.slice("run: ".length).replaceAll("${{ matrix.stack }}", stack);
}

let backend: BackendServer;
let lc: LocalcloudHandle;
let runner: Machine;

beforeAll(async () => {
  backend = startBackend("postgres");
  lc = await startTestLocalcloud({ timeScale: 0.05 });
  runner = new Machine("runner", backend, lc);
}, 120_000);

afterAll(async () => {
  if (runner) {
    reapPlugins(runner.stateDir);
    runner.forget();
  }
  await lc?.close();
  if (!backend) return;
  backend.stop();
  await until(async () => (alive(backend.pid) ? undefined : true), 30_000, `the PostgreSQL server (pid ${backend.pid}) to end`);
});

it("a pull request previews, a merge applies, the drift check fails naming an instance deleted behind Pulumi's back, and the next up heals it", async () => {
  const preview = expectOk(await runner.run("preview", FLEET));
  expect(preview.changeSummary).toEqual({ create: 2 }); // the stack and its fleet
  expect(await lc.instances()).toEqual([]);

  const up = expectOk(await runner.run("up", FLEET));
  const names = up.outputs!.instanceIds as string[];
  expect(names).toEqual(["web-us-east-1-1", "web-us-east-1-2"]);

  // Someone deletes an instance in the console: Lightsail's own DeleteInstance call.
  const lightsail = new LightsailClient({ endpoint: lc.url, region: "us-east-1", credentials: { accessKeyId: "localcloud", secretAccessKey: "localcloud-secret" } });
  await lightsail.send(new DeleteInstanceCommand({ instanceName: names[1] }));
  await until(async () => ((await lc.instances("lightsail")).length === 1 ? true : undefined), 60_000, `${names[1]} to be gone`);

  const login = await runner.shell(workflowRun("pulumi login", FLEET.stack));
  expect(login).toMatchObject({ status: 0 });
  const driftCheck = workflowRun("pulumi refresh", FLEET.stack);
  expect(driftCheck).toMatch(/--preview-only --expect-no-changes/);
  const drift = await runner.shell(driftCheck);
  expect(drift.status).not.toBe(0);
  expect(drift.output).toMatch(/no changes were expected for refresh but changes were proposed/);
  // It names the resource and, with --diff, the instance that is gone.
  expect(drift.output).toContain("~ pulumi-nodejs:dynamic/lightfleet:Instance: (update)");
  expect(drift.output).toContain("[urn=urn:pulumi:us-east-1::lightfleet::pulumi-nodejs:dynamic/lightfleet:Instance::web]");
  expect(drift.output).toContain(`- [1]: "${names[1]}"`);

  const healed = expectOk(await runner.run("up", FLEET));
  expect(healed.outputs!.instanceIds).toEqual(names);
  expect((await lc.instances("lightsail")).map((i) => i.name).sort()).toEqual(names);
  const clean = await runner.shell(driftCheck);
  expect(clean).toMatchObject({ status: 0 });

  expectOk(await runner.run("destroy", FLEET));
  expect(await lc.instances()).toEqual([]);
});
