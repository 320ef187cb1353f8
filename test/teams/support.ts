import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT, localcloudConfig, newStateDir, runStack, startStack, type StackOptions, type StackResult } from "../support/engine";
import type { AdminSnapshot } from "../../localcloud/emulator";
import type { LocalcloudHandle } from "../support/localcloud";

/** BackendKind names a shared state backend the team tests run on. */
export type BackendKind = "postgres" | "s3";

/** BackendServer is a state backend server started through the user-facing scripts (scripts/postgres.sh, moto.sh). */
export interface BackendServer {
  kind: BackendKind;
  /** What `pulumi login` takes. */
  url: string;
  pid: number;
  /** Environment every engine needs to reach the backend. */
  env: Record<string, string>;
  stop(): void;
}

const SCRIPTS: Record<BackendKind, string> = { postgres: "postgres.sh", s3: "moto.sh" };

/** startBackend starts a throwaway backend server on loopback. */
export function startBackend(kind: BackendKind): BackendServer {
  const script = path.join(ROOT, "scripts", SCRIPTS[kind]);
  const dir = path.join(newStateDir(`backend-${kind}`), "server");
  const url = execFileSync("bash", [script, "start", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim().split("\n").pop()!;
  const pid = Number(fs.readFileSync(path.join(dir, "server.pid"), "utf8").trim());
  // moto takes any key; the S3 client only needs some.
  const env: Record<string, string> = kind === "s3" ? { AWS_ACCESS_KEY_ID: "lightfleet", AWS_SECRET_ACCESS_KEY: "lightfleet" } : {};
  return {
    kind,
    url,
    pid,
    env,
    stop: () => {
      execFileSync("bash", [script, "stop", dir], { stdio: ["ignore", "ignore", "pipe"] });
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    },
  };
}

/** alive tells whether a process exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** StackSpec is one stack of an example program and the knobs (stack config) of one run. */
export interface StackSpec {
  example: string;
  stack: string;
  knobs?: Record<string, string | number>;
}

/**
 * Machine is one engineer's machine or one CI runner: a working folder and Pulumi home of its own (and HOME), sharing
 * only the state backend and the clouds (localcloud) with the others.
 */
export class Machine {
  readonly stateDir: string;

  constructor(
    readonly name: string,
    readonly backend: BackendServer,
    readonly lc: LocalcloudHandle,
  ) {
    this.stateDir = newStateDir(`machine-${name}`);
    fs.mkdirSync(path.join(this.stateDir, "user-home"));
  }

  options(spec: StackSpec, extra: string[] = []): StackOptions {
    const { config, secrets } = localcloudConfig(this.lc.url);
    return {
      example: spec.example,
      stack: spec.stack,
      stateDir: this.stateDir,
      config: { ...config, ...spec.knobs },
      secrets,
      extra: ["--backend", this.backend.url, ...extra],
      env: { HOME: path.join(this.stateDir, "user-home"), ...this.backend.env },
    };
  }

  run(op: string, spec: StackSpec, extra: string[] = []): Promise<StackResult> {
    return runStack(op, this.options(spec, extra));
  }

  start(op: string, spec: StackSpec) {
    return startStack(op, this.options(spec));
  }

  /**
   * shell runs a command line with the `pulumi` CLI in the machine's project folder (which the stack runner filled with
   * Pulumi.yaml and the stack's config), as a CI job's `run:` step does, with PULUMI_BACKEND_URL set.
   */
  shell(command: string): Promise<{ status: number; output: string }> {
    const env = {
      ...process.env,
      ...this.backend.env,
      HOME: path.join(this.stateDir, "user-home"),
      PULUMI_HOME: path.join(this.stateDir, "home"),
      PULUMI_BACKEND_URL: this.backend.url,
      PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "lightfleet-local",
      PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    return new Promise((resolve) => {
      execFile("bash", ["-c", command], { cwd: path.join(this.stateDir, "work"), env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
      });
    });
  }

  /** forget deletes the machine's folder: what it held locally is gone. */
  forget(): void {
    fs.rmSync(this.stateDir, { recursive: true, force: true });
  }
}

/** LOCK_MESSAGE is how a DIY backend refuses an operation on a stack another process holds. */
export const LOCK_MESSAGE = /the stack is currently locked by 1 lock\(s\)\. Either wait for the other process\(es\) to end or delete the lock file with `pulumi cancel`\./;

/** snapshots lists every snapshot localcloud holds. */
export async function snapshots(lc: LocalcloudHandle): Promise<AdminSnapshot[]> {
  return ((await (await fetch(`${lc.url}/_localcloud/snapshots`)).json()) as { snapshots: AdminSnapshot[] }).snapshots;
}
