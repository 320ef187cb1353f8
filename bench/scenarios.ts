import type { BenchCloud } from "../examples/bench-fleet";
import { runTimed, type StackRun, type StackRunOptions } from "./stackRun";

/**
 * PollMode is the provider a scenario runs with: lightfleet with the shared poller, lightfleet with the naive
 * per-resource poller (the baseline), or the null provider, which does no I/O (the engine's floor).
 */
export type PollMode = "shared" | "naive" | "null";

/** NAIVE_INTERVAL_MS is the baseline's fixed interval at full scale, as the existing providers poll (3 s). */
export const NAIVE_INTERVAL_MS = 3000;

/**
 * LIFECYCLE holds localcloud's lifecycle durations at time scale 1, in ms (its emulators' schedules): how long an
 * instance takes to be running with its public address, and each step of the delete path.
 */
const LIFECYCLE = {
  lighthouse: { ready: 33_000, isolate: 10_000, terminate: 15_000 },
  zenlayer: { ready: 34_000, recycle: 15_000, release: 10_000 },
  jdcloud: { ready: 34_000, delete: 15_000 },
} as const;

/** LIMITS are localcloud's rate limits in calls a second (Lighthouse's published ones; 20 where none is published). */
const LIMITS = {
  lighthouse: { create: 5, describe: 100, isolate: 20, terminate: 10 },
  zenlayer: { create: 20, describe: 20, terminate: 20, release: 20 },
  jdcloud: { create: 20, describe: 20, delete: 20 },
} as const;

/** DESCRIBE_OPERATION names each cloud's describe call in localcloud's statistics. */
export const DESCRIBE_OPERATION: Record<BenchCloud, string> = {
  lighthouse: "DescribeInstances",
  zenlayer: "DescribeInstances",
  jdcloud: "describeInstances",
};

/** sendSeconds is when the last of `calls` calls may go out under a limit of `rate` calls in any one second. */
function sendSeconds(calls: number, rate: number): number {
  return Math.floor(Math.max(0, calls - 1) / rate);
}

/** Scenario is one engine operation of the benchmark on one stack. */
export interface Scenario {
  key: string;
  title: string;
  op: "up" | "preview" | "refresh" | "destroy";
  /** An `up` of a stack already up with the same inputs: nothing to change. */
  noop?: boolean;
  /** The providers the scenario runs with (default: shared and naive). */
  modes?: PollMode[];
  /** The stack the operation runs on (scenarios on the same stack follow each other: up, refresh, destroy). */
  stack: string;
  cloud: BenchCloud;
  resources: number;
  perResource: number;
}

/** instancesOf is the number of instances a scenario handles. */
export function instancesOf(s: Scenario): number {
  return s.resources * s.perResource;
}

/**
 * lowerBound is the least time localcloud's rate limits and lifecycle allow for a scenario, in seconds, with how it
 * was computed. It assumes the best possible client: calls sent the moment the limit allows, batched to the API's
 * maximum, and every instance noticed the instant it changes state; the engine's own overhead is not in it.
 */
export function lowerBound(s: Scenario, timeScale: number): { seconds: number; how: string } {
  const n = instancesOf(s);
  const batches = (size: number) => Math.ceil(n / size);
  const ts = (ms: number) => (ms * timeScale) / 1000;
  if (s.op === "refresh" || s.op === "preview" || s.noop) {
    const l = LIMITS[s.cloud];
    return { seconds: sendSeconds(batches(100), l.describe), how: `${batches(100)} describe call(s) at ${l.describe}/s` };
  }
  if (s.op === "up") {
    const l = LIMITS[s.cloud];
    const send = sendSeconds(s.resources, l.create);
    return { seconds: send + ts(LIFECYCLE[s.cloud].ready), how: `${s.resources} create call(s) at ${l.create}/s (${send}s) + ready after ${ts(LIFECYCLE[s.cloud].ready)}s` };
  }
  switch (s.cloud) {
    case "lighthouse": {
      const l = LIMITS.lighthouse;
      const c = LIFECYCLE.lighthouse;
      const send = sendSeconds(batches(20), l.isolate) + sendSeconds(batches(100), l.terminate);
      return { seconds: send + ts(c.isolate) + ts(c.terminate), how: `isolate (20 ids a call) ${ts(c.isolate)}s + terminate (100 a call) ${ts(c.terminate)}s + ${send}s of calls` };
    }
    case "zenlayer": {
      const l = LIMITS.zenlayer;
      const c = LIFECYCLE.zenlayer;
      const send = sendSeconds(n, l.terminate) + sendSeconds(batches(100), l.release);
      return { seconds: send + ts(c.recycle) + ts(c.release), how: `${n} terminate calls at ${l.terminate}/s + recycle ${ts(c.recycle)}s + release ${ts(c.release)}s` };
    }
    case "jdcloud": {
      const l = LIMITS.jdcloud;
      const send = sendSeconds(n, l.delete);
      return { seconds: send + ts(LIFECYCLE.jdcloud.delete), how: `${n} delete calls at ${l.delete}/s (${send}s) + deleted after ${ts(LIFECYCLE.jdcloud.delete)}s` };
    }
  }
}

/** LocalcloudStats is localcloud's GET /_localcloud/stats answer. */
export interface LocalcloudStats {
  calls: Record<string, Record<string, number>>;
  throttled: number;
}

/** Measurement is what one scenario cost in one polling mode. */
export interface Measurement {
  scenario: Scenario;
  mode: PollMode;
  ok: boolean;
  error?: string;
  wallSeconds: number;
  boundSeconds: number;
  calls: Record<string, number>;
  describePerInstance: number;
  throttled: number;
  /** Engine errors that name throttling: what a user would see if the provider let a throttling answer through. */
  throttlingErrorsSeen: number;
  /** Instances of the cloud localcloud holds after the scenario, and how many the stacks account for. */
  held: number;
  expectedHeld: number;
  providerPeakMb?: number;
  enginePeakMb?: number;
  /** CPU seconds of the dynamic-provider process, which the machine's load hardly changes (unlike the wall). */
  providerCpuSeconds?: number;
  /** The same for the null provider's process in this run: the engine's dynamic-provider host alone. */
  floorProviderCpuSeconds?: number;
  /** The engine's --parallel (undefined: its default). */
  parallel?: number;
  /** The same operation on the same stack shape with the null provider, in this run (the engine's floor). */
  floorSeconds?: number;
  /** Bytes of state each resource takes after this `up`. */
  stateBytesPerResource?: number;
  run: StackRun;
}

/**
 * BenchTarget is where scenarios run: a localcloud, its time scale, a state folder and the engine's parallelism.
 * `fleets` counts the instances each stack should have, as the scenarios so far left them.
 */
export interface BenchTarget {
  url: string;
  timeScale: number;
  stateDir: (mode: PollMode) => string;
  /** The engine's --parallel; undefined leaves the engine's default. */
  parallel?: number;
  /** NODE_OPTIONS for the provider processes (the engine passes its environment on to them). */
  nodeOptions?: string;
  /** Added to every stack name, so runs at different settings never share client tokens or ownership tags. */
  stackTag?: string;
  fleets: Map<string, { cloud: BenchCloud; instances: number }>;
}

async function admin<T>(url: string, method: string, route: string): Promise<T> {
  const r = await fetch(`${url}/_localcloud/${route}`, { method });
  return (await r.json()) as T;
}

/** THROTTLE_ERROR matches an engine error line caused by a throttling answer, in any of the four clouds' words. */
const THROTTLE_ERROR = /error:.*(RequestLimitExceeded|REQUEST_LIMIT_EXCEEDED|RATE_LIMIT_EXCEEDED|ThrottlingException|TooManyRequests)/;

/** modeEnv is the environment that selects a polling mode in the provider process (the engine passes it on). */
export function modeEnv(mode: PollMode, timeScale: number): Record<string, string | undefined> {
  // The baseline polls as often per provisioning time as at full scale, so compressed runs compare like with like.
  return mode === "naive"
    ? { LIGHTFLEET_POLL_MODE: "naive", LIGHTFLEET_NAIVE_INTERVAL_MS: String(Math.max(50, Math.round(NAIVE_INTERVAL_MS * timeScale))) }
    : { LIGHTFLEET_POLL_MODE: undefined, LIGHTFLEET_NAIVE_INTERVAL_MS: undefined };
}

/** stackRunOf is how the stack runner runs an operation of a scenario's stack with a given provider. */
function stackRunOf(t: BenchTarget, s: Scenario, mode: PollMode, op: StackRunOptions["op"]): StackRunOptions {
  const stack = `${s.stack}${t.stackTag ?? ""}-${mode}`;
  const node = t.nodeOptions ? { NODE_OPTIONS: t.nodeOptions } : {};
  if (mode === "null") {
    return { op, example: "bench-null", stack, stateDir: t.stateDir(mode), config: { resources: s.resources, perResource: s.perResource }, secrets: {}, parallel: t.parallel, env: node };
  }
  return {
    op,
    example: "bench-fleet",
    stack,
    stateDir: t.stateDir(mode),
    config: { cloud: s.cloud, resources: s.resources, perResource: s.perResource, endpoint: t.url, [`lightfleet:${s.cloud}AccessKey`]: "localcloud" },
    secrets: { [`lightfleet:${s.cloud}SecretKey`]: "localcloud-secret" },
    parallel: t.parallel,
    env: { ...modeEnv(mode, t.timeScale), ...node },
  };
}

/**
 * stateBytesPerResource exports a scenario's stack and returns the bytes of state each resource of the program takes
 * (the serialized JSON of every resource but the stack and the provider, over their number).
 */
export async function stateBytesPerResource(t: BenchTarget, s: Scenario, mode: PollMode): Promise<number | undefined> {
  const run = await runTimed(stackRunOf(t, s, mode, "export"));
  const own = (run.deployment?.deployment?.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
  return own.length ? own.reduce((n, r) => n + JSON.stringify(r).length, 0) / own.length : undefined;
}

/** runScenario resets localcloud's statistics, runs the scenario through the real engine, and measures it. */
export async function runScenario(t: BenchTarget, s: Scenario, mode: PollMode): Promise<Measurement> {
  await admin(t.url, "POST", "stats/reset");
  // One stack name a mode: the client tokens and ownership tags derive from it, so the naive run cannot reuse
  // the fleet the shared run made.
  const stack = `${s.stack}${t.stackTag ?? ""}-${mode}`;
  const run = await runTimed(stackRunOf(t, s, mode, s.op));
  const stats = await admin<LocalcloudStats>(t.url, "GET", "stats");
  // A duplicate create or a leaked delete shows as instances no stack accounts for.
  const fleets = t.fleets;
  if (run.ok && mode !== "null") {
    if (s.op === "destroy") fleets.delete(stack);
    else fleets.set(stack, { cloud: s.cloud, instances: instancesOf(s) });
  }
  const { instances } = await admin<{ instances: Array<{ cloud: string }> }>(t.url, "GET", "instances");
  const held = instances.filter((i) => i.cloud === s.cloud).length;
  const expectedHeld = [...fleets.values()].filter((f) => f.cloud === s.cloud).reduce((n, f) => n + f.instances, 0);
  const calls = stats.calls[s.cloud] ?? {};
  const bound = lowerBound(s, t.timeScale);
  return {
    scenario: s,
    mode,
    ok: run.ok,
    error: run.error,
    wallSeconds: run.engineSeconds,
    boundSeconds: bound.seconds,
    calls,
    describePerInstance: (calls[DESCRIBE_OPERATION[s.cloud]] ?? 0) / instancesOf(s),
    throttled: stats.throttled,
    throttlingErrorsSeen: run.log.split("\n").filter((l) => THROTTLE_ERROR.test(l)).length + (THROTTLE_ERROR.test(`error: ${run.error ?? ""}`) ? 1 : 0),
    providerPeakMb: run.providerPeakMb,
    enginePeakMb: run.enginePeakMb,
    providerCpuSeconds: run.providerCpuSeconds,
    parallel: t.parallel,
    held,
    expectedHeld,
    run,
  };
}
