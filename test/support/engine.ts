import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CLOUDS } from "../../provider/core/types";

/** ROOT is the repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");

/** StackResult is what the stack runner printed on its RESULT line, plus the engine's output. */
export interface StackResult {
  ok: boolean;
  error?: string;
  summary?: Record<string, number>;
  changeSummary?: Record<string, number>;
  outputs?: Record<string, unknown>;
  deployment?: { deployment: { resources?: Array<Record<string, unknown>> } } & Record<string, unknown>;
  log: string;
}

/** StackOptions select the example program, the stack and its config. */
export interface StackOptions {
  example: string;
  stack: string;
  stateDir: string;
  config?: Record<string, string | number | boolean>;
  secrets?: Record<string, string>;
  extra?: string[];
  /** Environment of the runner on top of this process's (e.g. another HOME, to play another machine). */
  env?: Record<string, string>;
}

/** newStateDir makes a fresh folder for one test's backend, Pulumi home and work dir. */
export function newStateDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lightfleet-${label}-`));
}

/** localcloudConfig is the stack config that points every cloud of the examples at a localcloud. */
export function localcloudConfig(url: string): { config: Record<string, string>; secrets: Record<string, string> } {
  const config: Record<string, string> = { endpoint: url };
  const secrets: Record<string, string> = {};
  for (const cloud of CLOUDS) {
    config[`lightfleet:${cloud}AccessKey`] = "localcloud";
    secrets[`lightfleet:${cloud}SecretKey`] = "localcloud-secret";
  }
  return { config, secrets };
}

/** startStack starts the stack runner (the real engine through the Automation API) as a child process. */
export function startStack(op: string, o: StackOptions): { child: ChildProcess; done: Promise<StackResult> } {
  const args = [path.join(ROOT, "dist", "scripts", "stack.js"), op, "--example", o.example, "--stack", o.stack, "--state-dir", o.stateDir];
  for (const [k, v] of Object.entries(o.config ?? {})) args.push("--config", `${k}=${v}`);
  for (const [k, v] of Object.entries(o.secrets ?? {})) args.push("--secret", `${k}=${v}`);
  args.push(...(o.extra ?? []));
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...o.env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const done = new Promise<StackResult>((resolve) => {
    child.on("close", () => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      const parsed = line ? (JSON.parse(line.slice(7)) as Omit<StackResult, "log">) : { ok: false, error: `no result; exit output:\n${out}` };
      resolve({ ...parsed, log });
    });
  });
  return { child, done };
}

/** runStack runs one engine operation to completion. */
export function runStack(op: string, o: StackOptions): Promise<StackResult> {
  return startStack(op, o).done;
}

/** killTree ends a runner and the engine and plugins it started (SIGKILL, as a crash would). */
export function killTree(child: ChildProcess): void {
  if (child.pid) process.kill(-child.pid, "SIGKILL");
}
