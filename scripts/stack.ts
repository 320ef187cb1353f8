/**
 * stack: runs an example program through the Pulumi Automation API, the way the demo and the engine tests drive the
 * real engine. The state goes to a file backend in DIR unless --backend gives another (postgres://, s3://...); DIR
 * also holds the work folder and PULUMI_HOME, so two DIRs on one backend are two machines of a team.
 *
 *   node dist/scripts/stack.js <up|preview|refresh|destroy|export|outputs|cancel> --example NAME --stack NAME
 *        --state-dir DIR [--backend URL] [--config key=value]... [--secret key=value]... [--parallel N]
 *        [--expect-no-changes] [--preview-only] [--refresh]
 *        [--run-program]   (refresh and destroy: run the program, so providers get the current config)
 *
 * Engine output goes to stderr; the last stdout line is `RESULT {json}`.
 */
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";

interface Options {
  op: string;
  example: string;
  stack: string;
  stateDir: string;
  backend?: string;
  config: Record<string, { value: string; secret: boolean }>;
  parallel?: number;
  expectNoChanges: boolean;
  refresh: boolean;
  runProgram: boolean;
  previewOnly: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { op: argv[0], example: "quickstart", stack: "dev", stateDir: ".pulumi-state", config: {}, expectNoChanges: false, refresh: false, runProgram: false, previewOnly: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === "--example") o.example = next();
    else if (a === "--stack") o.stack = next();
    else if (a === "--state-dir") o.stateDir = next();
    else if (a === "--backend") o.backend = next();
    else if (a === "--parallel") o.parallel = Number(next());
    else if (a === "--expect-no-changes") o.expectNoChanges = true;
    else if (a === "--refresh") o.refresh = true;
    else if (a === "--run-program") o.runProgram = true;
    else if (a === "--preview-only") o.previewOnly = true;
    else if (a === "--config" || a === "--secret") {
      const kv = next();
      const eq = kv.indexOf("=");
      o.config[kv.slice(0, eq)] = { value: kv.slice(eq + 1), secret: a === "--secret" };
    } else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

/**
 * workDirFor makes the folder the engine runs the dynamic provider in: its node_modules links @pulumi and lightfleet
 * itself, exactly as a user's project has them installed.
 */
function workDirFor(stateDir: string): string {
  const root = path.resolve(__dirname, "..", "..");
  const work = path.join(stateDir, "work");
  const nm = path.join(work, "node_modules");
  fs.mkdirSync(nm, { recursive: true });
  for (const [name, target] of [["@pulumi", path.join(root, "node_modules", "@pulumi")], ["lightfleet", root]]) {
    const link = path.join(nm, name);
    if (!fs.existsSync(link)) fs.symlinkSync(target, link, "dir");
  }
  return work;
}

/** ensureEngine puts the Pulumi CLI and the nodejs dynamic-provider plugin on PATH (building the CLI if needed). */
function ensureEngine(): void {
  const script = path.resolve(__dirname, "..", "..", "scripts", "ensure-pulumi.sh");
  const prefix = execFileSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  process.env.PATH = `${prefix}${path.delimiter}${process.env.PATH ?? ""}`;
}

async function stackFor(o: Options): Promise<Stack> {
  ensureEngine();
  const stateDir = path.resolve(o.stateDir);
  let backendUrl = o.backend;
  if (!backendUrl) {
    const backend = path.join(stateDir, "backend");
    fs.mkdirSync(backend, { recursive: true });
    backendUrl = `file://${backend}`;
  }
  fs.mkdirSync(path.join(stateDir, "home"), { recursive: true });
  const programPath = path.resolve(__dirname, "..", "examples", o.example);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require(programPath).default as () => Promise<Record<string, unknown>>;
  const envVars = {
    PULUMI_BACKEND_URL: backendUrl,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "lightfleet-local",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: path.join(stateDir, "home"),
  };
  Object.assign(process.env, envVars);
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: o.stack, projectName: "lightfleet", program },
    {
      workDir: workDirFor(stateDir),
      envVars,
      projectSettings: { name: "lightfleet", runtime: "nodejs", backend: { url: backendUrl } },
    },
  );
  // Each run's config is exactly what it was given, so a knob set by an earlier run never lingers.
  const stale = Object.keys(await stack.getAllConfig()).filter((k) => !(k in o.config));
  if (stale.length) await stack.removeAllConfig(stale);
  if (Object.keys(o.config).length) await stack.setAllConfig(o.config);
  return stack;
}

async function run(o: Options): Promise<unknown> {
  const stack = await stackFor(o);
  const onOutput = (s: string) => process.stderr.write(s);
  switch (o.op) {
    case "up": {
      const r = await stack.up({ onOutput, parallel: o.parallel, refresh: o.refresh });
      return { summary: r.summary.resourceChanges, outputs: Object.fromEntries(Object.entries(r.outputs).map(([k, v]) => [k, v.value])) };
    }
    case "preview": {
      const r = await stack.preview({ onOutput, parallel: o.parallel, expectNoChanges: o.expectNoChanges, diff: true });
      return { changeSummary: r.changeSummary };
    }
    case "refresh": {
      if (o.previewOnly) {
        const p = await stack.previewRefresh({ onOutput, parallel: o.parallel, expectNoChanges: o.expectNoChanges, runProgram: o.runProgram });
        return { changeSummary: p.changeSummary };
      }
      const r = await stack.refresh({ onOutput, parallel: o.parallel, expectNoChanges: o.expectNoChanges, clearPendingCreates: true, runProgram: o.runProgram });
      return { summary: r.summary.resourceChanges };
    }
    case "destroy": {
      const r = await stack.destroy({ onOutput, parallel: o.parallel, runProgram: o.runProgram });
      return { summary: r.summary.resourceChanges };
    }
    case "export":
      return { deployment: await stack.exportStack() };
    case "outputs":
      return { outputs: Object.fromEntries(Object.entries(await stack.outputs()).map(([k, v]) => [k, v.value])) };
    case "cancel":
      await stack.cancel();
      return {};
    default:
      throw new Error(`unknown operation ${o.op}`);
  }
}

run(parseArgs(process.argv.slice(2))).then(
  (result) => {
    process.stdout.write(`RESULT ${JSON.stringify({ ok: true, ...(result as object) })}\n`);
  },
  (err: Error) => {
    process.stdout.write(`RESULT ${JSON.stringify({ ok: false, error: String(err.message ?? err) })}\n`);
    process.exitCode = 1;
  },
);
