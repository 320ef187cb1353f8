import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ProcessMemorySampler } from "./procMemory";

/** rootOf finds the package root from this file, whether it runs from bench/ (ts-jest) or dist/bench/ (node). */
function rootOf(dir: string): string {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, "package.json")) && fs.existsSync(path.join(d, "scripts", "stack.ts"))) return d;
  }
  throw new Error(`no lightfleet package above ${dir}`);
}

/** ROOT is the repository root; the stack runner is always the compiled one (the engine needs plain JavaScript). */
export const ROOT = rootOf(__dirname);

/** StackRun is one engine operation as the benchmark saw it. */
export interface StackRun {
  ok: boolean;
  error?: string;
  outputs?: Record<string, unknown>;
  /** Seconds from the engine's first line ("Updating (...)") to the runner's exit: the operation a user waits for. */
  engineSeconds: number;
  /** Seconds of the whole runner process, including workspace and config setup. */
  totalSeconds: number;
  /** Peak resident memory of the dynamic-provider process and of the engine, in MB. */
  providerPeakMb?: number;
  enginePeakMb?: number;
  /** CPU seconds of the dynamic-provider process(es): the provider's own cost, which the machine's load hardly changes. */
  providerCpuSeconds?: number;
  /** The exported stack, for an `export`. */
  deployment?: { deployment?: { resources?: Array<{ type: string }> } };
  log: string;
}

/** StackRunOptions select the program, the stack, its config and the environment the engine and provider get. */
export interface StackRunOptions {
  op: "up" | "preview" | "refresh" | "destroy" | "export";
  example: string;
  stack: string;
  stateDir: string;
  config: Record<string, string | number>;
  secrets: Record<string, string>;
  /** The engine's --parallel; undefined leaves the engine's default. */
  parallel?: number;
  env: Record<string, string | undefined>;
}

/** ENGINE_START matches the engine's first line of an operation. */
const ENGINE_START = /^(Updating|Previewing update|Refreshing|Destroying) \(/m;

/** runTimed runs one operation through the stack runner, timing it and sampling the provider's memory. */
export function runTimed(o: StackRunOptions): Promise<StackRun> {
  const args = [path.join(ROOT, "dist", "scripts", "stack.js"), o.op, "--example", o.example, "--stack", o.stack, "--state-dir", o.stateDir];
  for (const [k, v] of Object.entries(o.config)) args.push("--config", `${k}=${v}`);
  for (const [k, v] of Object.entries(o.secrets)) args.push("--secret", `${k}=${v}`);
  if (o.parallel !== undefined) args.push("--parallel", String(o.parallel));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(o.env)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const started = Date.now();
  let engineStarted: number | undefined;
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const sampler = new ProcessMemorySampler(child.pid!);
  let out = "";
  let log = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => {
    log += d.toString();
    if (engineStarted === undefined && ENGINE_START.test(log)) engineStarted = Date.now();
  });
  return new Promise((resolve) => {
    child.on("close", () => {
      const ended = Date.now();
      const { providerMb: providerPeakMb, engineMb: enginePeakMb, providerCpuSeconds } = sampler.stop();
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      const parsed = line ? (JSON.parse(line.slice(7)) as { ok: boolean; error?: string; outputs?: Record<string, unknown> }) : { ok: false, error: `no result: ${out}` };
      resolve({
        ...parsed,
        engineSeconds: (ended - (engineStarted ?? started)) / 1000,
        totalSeconds: (ended - started) / 1000,
        providerPeakMb,
        enginePeakMb,
        providerCpuSeconds,
        log,
      });
    });
  });
}
