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
 * plugin behind, as a machine crash would not. With `only`, it kills just the processes whose command line matches
 * (e.g. the dynamic-provider plugin, leaving the engine running). Returns how many it found. Linux only (reads /proc).
 */
export function reapPlugins(stateDir: string, only?: RegExp): number {
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
    if (only && !only.test(commandLineOf(entry))) continue;
    try {
      process.kill(Number(entry), "SIGKILL");
      reaped++;
    } catch {
      // It ended by itself between the look and the kill.
    }
  }
  return reaped;
}

/** commandLineOf reads a process's command line, "" when it is gone. */
function commandLineOf(pid: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** PROVIDER_PROCESS matches the command line of the engine's dynamic-provider plugin. */
export const PROVIDER_PROCESS = /dynamic-provider/;

/**
 * seededRandom returns a generator of numbers in [0, 1) and its seed: LIGHTFLEET_RELIABILITY_SEED replays a run,
 * otherwise the seed is new each run. Tests print the seed so that a failure can be replayed.
 */
export function seededRandom(label: string): { seed: number; next: () => number } {
  const given = Number(process.env.LIGHTFLEET_RELIABILITY_SEED);
  const seed = Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31);
  console.log(`${label}: seed ${seed} (replay with LIGHTFLEET_RELIABILITY_SEED=${seed})`);
  let a = seed >>> 0;
  // mulberry32: small, fast and good enough to spread crash points.
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { seed, next };
}

/** HEAVY is set by LIGHTFLEET_RELIABILITY_HEAVY=1: the tests that take it run more and larger trials. */
export const HEAVY = process.env.LIGHTFLEET_RELIABILITY_HEAVY === "1";

/** RUNNING matches the state every cloud's localcloud reports for a running instance. */
const RUNNING = /^running$/i;

/**
 * expectExactlyTracked asserts that localcloud holds, on each cloud, exactly the instances the stack's state records
 * for that cloud, all running, `wanted` of them: none untracked, none on its way out counted as the fleet.
 */
export async function expectExactlyTracked(stack: Stack, clouds: ReliabilityCloud[], wanted: number): Promise<void> {
  const resources = instanceResources(await stack.run("export"));
  const held = await stack.lc.instances();
  for (const c of clouds) {
    const tracked = resources.filter((r) => r.outputs.cloud === c.cloud).flatMap((r) => (r.outputs.instanceIds as string[] | undefined) ?? []);
    const mine = held.filter((i) => i.cloud === c.cloud);
    const state = (s: string) => (RUNNING.test(s) ? "running" : s);
    expect({ cloud: c.cloud, held: mine.map((i) => `${i.id} ${state(i.state)}`).sort() }).toEqual({
      cloud: c.cloud,
      held: [...tracked].sort().map((id) => `${id} running`),
    });
    expect(tracked).toHaveLength(wanted);
  }
}
