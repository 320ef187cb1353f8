import * as fs from "fs";
import type { CloudName } from "../../provider/core/types";
import { localcloudConfig, newStateDir, runStack, startStack, type StackOptions, type StackResult } from "../support/engine";
import type { LocalcloudHandle } from "../support/localcloud";

/** ReliabilityCloud is one cloud as the reliability tests drive it: its example program and its API's names. */
export interface ReliabilityCloud {
  cloud: CloudName;
  /** The example program (examples/<example>) whose `count` config sizes the fleet. */
  example: string;
  region: string;
  /** The CreateInstances operation as localcloud counts it. */
  createOperation: string;
  /** The code the cloud gives a launch that failed. */
  launchFailureCode: RegExp;
}

/** CLOUDS are the clouds every reliability test covers. */
export const CLOUDS: ReliabilityCloud[] = [
  { cloud: "lightsail", example: "lightsail", region: "us-east-1", createOperation: "CreateInstances", launchFailureCode: /\(InsufficientCapacity: / },
  { cloud: "lighthouse", example: "lighthouse", region: "ap-guangzhou", createOperation: "CreateInstances", launchFailureCode: /\(LAUNCH_FAILED: / },
  { cloud: "zenlayer", example: "zenlayer", region: "asia-east-1", createOperation: "CreateInstances", launchFailureCode: /\(CREATE_FAILED: / },
  { cloud: "jdcloud", example: "jdcloud", region: "cn-north-1", createOperation: "createInstances", launchFailureCode: /\((Vanished|error): /i },
];

/** Stack is one stack of an example against one localcloud, with the stack config that points it there. */
export class Stack {
  readonly stateDir: string;
  constructor(
    readonly lc: LocalcloudHandle,
    readonly example: string,
    readonly name = "rel",
    stateDir?: string,
  ) {
    this.stateDir = stateDir ?? newStateDir(`rel-${example}`);
  }

  /** options turns knobs into stack config; a `password` knob is set as a secret, as a user would set it. */
  options(knobs: Record<string, string | number> = {}, extra: string[] = []): StackOptions {
    const { config, secrets } = localcloudConfig(this.lc.url);
    const { password, ...plain } = knobs;
    if (password !== undefined) secrets.password = String(password);
    return { example: this.example, stack: this.name, stateDir: this.stateDir, config: { ...config, ...plain }, secrets, extra };
  }

  run(op: string, knobs: Record<string, string | number> = {}, extra: string[] = []): Promise<StackResult> {
    return runStack(op, this.options(knobs, extra));
  }

  start(op: string, knobs: Record<string, string | number> = {}) {
    return startStack(op, this.options(knobs));
  }
}

/** expectOk fails the test with the engine's own words when an operation failed. */
export function expectOk(r: StackResult): StackResult {
  if (!r.ok) throw new Error(`engine operation failed: ${r.error}\n${r.log.slice(-4000)}`);
  return r;
}

/** until polls `probe` every 100 ms until it returns a value, for at most `ms`. */
export async function until<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/** stateResources lists the lightfleet Instance resources of an exported deployment with their outputs. */
export function instanceResources(r: StackResult): Array<{ urn: string; id?: string; outputs: Record<string, unknown> }> {
  const resources = (r.deployment?.deployment.resources ?? []) as Array<{ urn: string; type: string; id?: string; outputs?: Record<string, unknown> }>;
  return resources.filter((x) => x.type.endsWith(":Instance")).map((x) => ({ urn: x.urn, id: x.id, outputs: x.outputs ?? {} }));
}

/**
 * reapPlugins kills (SIGKILL) the processes still running in a stack's work folder after its engine was killed: the
 * engine starts the dynamic-provider plugin in a process group of its own, so killing the engine's tree leaves the
 * plugin behind, as a machine crash would not. Returns how many it found. Linux only (reads /proc).
 */
export function reapPlugins(stateDir: string): number {
  let reaped = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let cwd: string;
    try {
      cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
    } catch {
      continue; // gone meanwhile, or not ours to inspect
    }
    if (cwd !== stateDir && !cwd.startsWith(`${stateDir}/`)) continue;
    try {
      process.kill(Number(entry), "SIGKILL");
      reaped++;
    } catch {
      // It ended by itself between the look and the kill.
    }
  }
  return reaped;
}
