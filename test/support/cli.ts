import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { CloudName } from "../../provider/core/types";
import { ROOT, newStateDir } from "./engine";
import { withoutCredentials } from "./env";

/** CliResult is what one `pulumi` process printed and how it ended. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout then stderr, as a user reads them in a terminal. */
  output: string;
}

let enginePath: string | undefined;

/** engineOnPath is the PATH prefix of the Pulumi CLI and its YAML host (built on first use by ensure-pulumi.sh). */
function engineOnPath(): string {
  enginePath ??= execFileSync("bash", [path.join(ROOT, "scripts", "ensure-pulumi.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  return enginePath;
}

/**
 * CliWorkspace is one machine's worth of Pulumi: a file backend, a PULUMI_HOME and a passphrase in a temporary folder,
 * with the lightfleet plugin found on PATH (the repository's bin/, as `npm install -g lightfleet` puts it there).
 * Every command is a real `pulumi` process, run asynchronously so that an in-process localcloud keeps answering.
 */
export class CliWorkspace {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(label: string, root = newStateDir(`cli-${label}`)) {
    this.root = root;
    const backend = path.join(root, "backend");
    const home = path.join(root, "home");
    fs.mkdirSync(backend, { recursive: true });
    fs.mkdirSync(home, { recursive: true });
    // Only this workspace's Pulumi settings: none of the machine's (another backend, a passphrase file...).
    const inherited = Object.fromEntries(Object.entries(withoutCredentials(process.env)).filter(([k]) => !k.startsWith("PULUMI_")));
    this.env = {
      ...inherited,
      PATH: [path.join(ROOT, "bin"), engineOnPath(), process.env.PATH].join(path.delimiter),
      PULUMI_BACKEND_URL: `file://${backend}`,
      PULUMI_HOME: home,
      PULUMI_CONFIG_PASSPHRASE: "lightfleet-local",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      AWS_EC2_METADATA_DISABLED: "true",
    };
  }

  /** project makes a project folder holding `program` (a Pulumi.yaml text) and returns it. */
  project(name: string, program: string): CliProject {
    const dir = path.join(this.root, name);
    fs.mkdirSync(dir, { recursive: true });
    const p = new CliProject(this, dir);
    p.write(program);
    return p;
  }

  /** pulumi runs one CLI command in `cwd`; a non-zero exit throws with the output unless `allowFailure`. */
  pulumi(cwd: string, args: string[], opts: { allowFailure?: boolean } = {}): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn("pulumi", [...args, "--non-interactive", "--color", "never"], { cwd, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        const r = { code: code ?? -1, stdout, stderr, output: `${stdout}${stderr}` };
        if (r.code !== 0 && !opts.allowFailure) reject(new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.output.slice(-4000)}`));
        else resolve(r);
      });
    });
  }
}

/** CliProject is one Pulumi YAML project folder of a workspace, with its stacks. */
export class CliProject {
  constructor(
    readonly ws: CliWorkspace,
    readonly dir: string,
  ) {}

  /** write replaces the program. */
  write(program: string): void {
    fs.writeFileSync(path.join(this.dir, "Pulumi.yaml"), program);
  }

  pulumi(args: string[], opts: { allowFailure?: boolean } = {}): Promise<CliResult> {
    return this.ws.pulumi(this.dir, args, opts);
  }

  /** initStack creates a stack pointing at localcloud: endpoint and the cloud's credentials in the stack config. */
  async initStack(stack: string, cloud: CloudName, endpoint: string, secrets: Record<string, string> = {}): Promise<void> {
    await this.pulumi(["stack", "init", stack]);
    await this.pulumi(["config", "set", "lightfleet:endpoint", endpoint]);
    await this.pulumi(["config", "set", `lightfleet:${cloud}AccessKey`, "localcloud"]);
    await this.pulumi(["config", "set", "--secret", `lightfleet:${cloud}SecretKey`, "localcloud-secret"]);
    for (const [k, v] of Object.entries(secrets)) await this.pulumi(["config", "set", "--secret", k, v]);
  }

  /** outputs are the stack outputs, secrets shown. */
  async outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.pulumi(["stack", "output", "--json", "--show-secrets"])).stdout) as Record<string, unknown>;
  }

  /** resources are the stack's resources as `pulumi stack export` gives them. */
  async resources(): Promise<Array<{ urn: string; type: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }>> {
    const deployment = JSON.parse((await this.pulumi(["stack", "export", "--show-secrets"])).stdout) as { deployment: { resources?: never[] } };
    return deployment.deployment.resources ?? [];
  }
}

/** exampleProgram is the text of examples/yaml/<name>/Pulumi.yaml. */
export function exampleProgram(name: string): string {
  return fs.readFileSync(path.join(ROOT, "examples", "yaml", name, "Pulumi.yaml"), "utf8");
}

/**
 * withResourceOptions adds an `options:` block to one resource of a program, as a user edits Pulumi.yaml: the
 * options go right after the resource's `type:` line, at its indentation.
 */
export function withResourceOptions(program: string, resource: string, options: string[]): string {
  return insertAfter(program, resource, /^ {4}type: /, ["    options:", ...options.map((o) => `      ${o}`)]);
}

/** withProperties adds property lines (`name: value`, YAML) at the top of one resource's `properties:`. */
export function withProperties(program: string, resource: string, properties: string[]): string {
  return insertAfter(program, resource, /^ {4}properties:$/, properties.map((p) => `      ${p}`));
}

/** insertAfter inserts lines after the first line of a top-level resource's block that matches `anchor`. */
function insertAfter(program: string, resource: string, anchor: RegExp, added: string[]): string {
  const lines = program.split("\n");
  const start = lines.findIndex((l) => l === `  ${resource}:`);
  const end = lines.findIndex((l, i) => i > start && !/^ {4}|^$/.test(l));
  const at = start < 0 ? -1 : lines.findIndex((l, i) => i > start && (end < 0 || i < end) && anchor.test(l));
  if (at < 0) throw new Error(`the program has no resource ${resource} with a line matching ${anchor}`);
  lines.splice(at + 1, 0, ...added);
  return lines.join("\n");
}
