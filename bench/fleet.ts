/**
 * fleet: the fleet benchmark. Runs fleets through the real Pulumi engine against an in-process localcloud with the
 * published rate limits on, once with the shared poller and once with the naive per-resource poller, and prints wall
 * time against the lower bound localcloud allows, API calls by operation, throttling, and the provider's peak memory.
 * The engine phases (preview, no-op up, refresh, up and destroy of 100 to 2,000 instances) run each operation once
 * more on the same stack with a null provider (no I/O): the engine's floor, measured in the same run, to which every
 * lightfleet figure is compared as well as to the cloud's bound; they also report engine memory, state bytes and the
 * provider process's CPU a resource, lightfleet's and the null provider's.
 *
 *   npm run bench -- [--time-scale 1] [--parallel 100,default] [--only a,c,d-a,u300,p300,n300,...]
 *                    [--node-options "--max-semi-space-size=4"]
 *
 * `--node-options` is the NODE_OPTIONS every provider process of the run gets (lightfleet's and the null provider's),
 * as a user would set it for `pulumi up`, to measure Node.js settings such as the young generation's size.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startLocalcloud } from "../localcloud/server";
import { instancesOf, runScenario, stateBytesPerResource, type BenchTarget, type Measurement, type PollMode, type Scenario } from "./scenarios";
import { runTimed } from "./stackRun";

/**
 * enginePhases are the operations a stack of `n` one-instance Lighthouse resources goes through, each run with
 * lightfleet and with the null provider: up, preview, a no-op up, refresh and destroy.
 */
function enginePhases(n: number): Scenario[] {
  const base = { stack: `lhx${n}`, cloud: "lighthouse" as const, resources: n, perResource: 1, modes: ["shared", "null"] as PollMode[] };
  return [
    { ...base, key: `u${n}`, title: `up ${n} resources x 1 (lighthouse)`, op: "up" },
    { ...base, key: `p${n}`, title: `preview of u${n}`, op: "preview" },
    { ...base, key: `n${n}`, title: `no-op up of u${n}`, op: "up", noop: true },
    { ...base, key: `r${n}`, title: `refresh of u${n}`, op: "refresh" },
    { ...base, key: `d${n}`, title: `destroy of u${n}`, op: "destroy" },
  ];
}

/** SCENARIOS in the order they run; scenarios on one stack follow each other (up, refresh, destroy). */
const SCENARIOS: Scenario[] = [
  { key: "a", title: "up 100 resources x 1 (lighthouse)", op: "up", stack: "lh100", cloud: "lighthouse", resources: 100, perResource: 1 },
  { key: "c", title: "refresh of (a)", op: "refresh", stack: "lh100", cloud: "lighthouse", resources: 100, perResource: 1 },
  { key: "d-a", title: "destroy of (a)", op: "destroy", stack: "lh100", cloud: "lighthouse", resources: 100, perResource: 1 },
  { key: "b-zl", title: "up 1 resource x 100 (zenlayer)", op: "up", stack: "zl100", cloud: "zenlayer", resources: 1, perResource: 100 },
  { key: "d-zl", title: "destroy of (b) zenlayer", op: "destroy", stack: "zl100", cloud: "zenlayer", resources: 1, perResource: 100 },
  { key: "b-jd", title: "up 1 resource x 100 (jdcloud)", op: "up", stack: "jd100", cloud: "jdcloud", resources: 1, perResource: 100 },
  { key: "d-jd", title: "destroy of (b) jdcloud", op: "destroy", stack: "jd100", cloud: "jdcloud", resources: 1, perResource: 100 },
  { key: "e", title: "up 10 resources x 100 (jdcloud, 1,000 in flight)", op: "up", stack: "jd1000", cloud: "jdcloud", resources: 10, perResource: 100 },
  { key: "d-e", title: "destroy of (e)", op: "destroy", stack: "jd1000", cloud: "jdcloud", resources: 10, perResource: 100 },
  ...enginePhases(100),
  ...enginePhases(300),
  ...enginePhases(1000),
  { key: "f2000", title: "up 20 resources x 100 (jdcloud)", op: "up", stack: "jdx2000", cloud: "jdcloud", resources: 20, perResource: 100, modes: ["shared", "null"] },
  { key: "d-f2000", title: "destroy of f2000", op: "destroy", stack: "jdx2000", cloud: "jdcloud", resources: 20, perResource: 100, modes: ["shared", "null"] },
];

interface Options {
  timeScale: number;
  /** Each engine parallelism to run the selection at; undefined is the engine's default. */
  parallel: Array<number | undefined>;
  only?: Set<string>;
  /** NODE_OPTIONS for every provider process of the run. */
  nodeOptions?: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { timeScale: 1, parallel: [100] };
  for (let i = 0; i < argv.length; i++) {
    const next = () => argv[++i];
    if (argv[i] === "--time-scale") o.timeScale = Number(next());
    else if (argv[i] === "--parallel") o.parallel = next().split(",").map((p) => (p === "default" ? undefined : Number(p)));
    else if (argv[i] === "--only") o.only = new Set(next().split(","));
    else if (argv[i] === "--node-options") o.nodeOptions = next();
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return o;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const ratio = (a: number, b: number) => (b > 0 ? `${fmt(a / b, 2)}x` : "n/a");
const describeCalls = (m: Measurement) => m.describePerInstance * instancesOf(m.scenario);
const totalCalls = (m: Measurement) => Object.values(m.calls).reduce((a, b) => a + b, 0);

function row(cells: Array<string | number>): string {
  return `| ${cells.join(" | ")} |`;
}

const mb = (v?: number) => (v === undefined ? "n/a" : `${fmt(v, 0)} MB`);
/** cpuPerResource words CPU seconds as milliseconds a resource of the scenario. */
const cpuPerResource = (s: Scenario, seconds: number) => `${fmt((seconds * 1000) / s.resources)} ms/resource`;
const parallelOf = (m: Measurement) => (m.parallel === undefined ? "default" : String(m.parallel));

function printMeasurement(m: Measurement): void {
  const calls = Object.entries(m.calls).sort(([a], [b]) => a.localeCompare(b)).map(([op, n]) => `${op} ${n}`).join(", ");
  const floor = m.floorSeconds === undefined ? "" : `, floor ${fmt(m.floorSeconds)}s (${ratio(m.wallSeconds, m.floorSeconds)})`;
  const state = m.stateBytesPerResource === undefined ? "" : `; state ${fmt(m.stateBytesPerResource, 0)} B/resource`;
  const floorCpu = m.floorProviderCpuSeconds === undefined ? "" : ` (floor's ${cpuPerResource(m.scenario, m.floorProviderCpuSeconds)})`;
  const cpu = m.providerCpuSeconds === undefined ? "" : `; provider CPU ${fmt(m.providerCpuSeconds)}s, ${cpuPerResource(m.scenario, m.providerCpuSeconds)}${floorCpu}`;
  console.log(
    `[${m.mode} --parallel ${parallelOf(m)}] ${m.scenario.key} ${m.scenario.title}: ${m.ok ? "ok" : `FAILED: ${m.error}`}; wall ${fmt(m.wallSeconds)}s, bound ${fmt(m.boundSeconds)}s` +
      ` (${ratio(m.wallSeconds, m.boundSeconds)})${floor}; calls: ${calls || "none"}; describe/instance ${fmt(m.describePerInstance, 2)};` +
      ` throttled answers ${m.throttled}; throttling errors shown ${m.throttlingErrorsSeen}; instances held ${m.held} (expected ${m.expectedHeld});` +
      ` provider peak ${mb(m.providerPeakMb)}, engine peak ${mb(m.enginePeakMb)}${cpu}${state}`,
  );
}

function printSummary(results: Measurement[], engineFloor: number, o: Options): void {
  console.log(`\n## Summary (time scale ${o.timeScale}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => fmt(l)).join(" ")}, Node ${process.version}${o.nodeOptions ? `, NODE_OPTIONS=${o.nodeOptions}` : ""}; empty program ${fmt(engineFloor)}s)\n`);
  console.log(row(["scenario", "mode", "--parallel", "wall s", "bound s", "wall/bound", "floor s", "wall/floor", "API calls", "describe calls", "throttled", "provider MB", "engine MB", "provider CPU ms/res", "floor's", "state B/res"]));
  console.log(row(["---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]));
  for (const m of results) {
    console.log(
      row([
        `${m.scenario.key} ${m.scenario.title}${m.ok ? "" : " (FAILED)"}`,
        m.mode,
        parallelOf(m),
        fmt(m.wallSeconds),
        fmt(m.boundSeconds),
        ratio(m.wallSeconds, m.boundSeconds),
        m.floorSeconds === undefined ? "" : fmt(m.floorSeconds),
        m.floorSeconds === undefined ? "" : ratio(m.wallSeconds, m.floorSeconds),
        totalCalls(m),
        fmt(describeCalls(m), 0),
        m.throttled,
        m.providerPeakMb === undefined ? "n/a" : fmt(m.providerPeakMb, 0),
        m.enginePeakMb === undefined ? "n/a" : fmt(m.enginePeakMb, 0),
        m.providerCpuSeconds === undefined ? "n/a" : fmt((m.providerCpuSeconds * 1000) / m.scenario.resources),
        m.floorProviderCpuSeconds === undefined ? "" : fmt((m.floorProviderCpuSeconds * 1000) / m.scenario.resources),
        m.stateBytesPerResource === undefined ? "" : fmt(m.stateBytesPerResource, 0),
      ]),
    );
  }
  console.log("\n## Naive / shared, measured in this run\n");
  console.log(row(["scenario", "--parallel", "wall", "API calls", "describe calls", "peak memory"]));
  console.log(row(["---", "---:", "---:", "---:", "---:", "---:"]));
  for (const shared of results.filter((m) => m.mode === "shared")) {
    const naive = results.find((m) => m.scenario === shared.scenario && m.mode === "naive" && m.parallel === shared.parallel);
    if (!naive) continue;
    console.log(
      row([
        `${shared.scenario.key} ${shared.scenario.title}`,
        parallelOf(shared),
        ratio(naive.wallSeconds, shared.wallSeconds),
        ratio(totalCalls(naive), totalCalls(shared)),
        ratio(describeCalls(naive), describeCalls(shared)),
        naive.providerPeakMb && shared.providerPeakMb ? ratio(naive.providerPeakMb, shared.providerPeakMb) : "n/a",
      ]),
    );
  }
  printChecks(results);
}

/** printChecks states the acceptance criteria against this run's numbers. */
function printChecks(results: Measurement[]): void {
  const all = (key: string, mode: PollMode) => results.filter((m) => m.scenario.key === key && m.mode === mode);
  const checks: Array<[string, boolean | undefined]> = [];
  for (const a of all("a", "shared")) checks.push([`(a) within 1.3x of its lower bound: ${ratio(a.wallSeconds, a.boundSeconds)}`, a.ok && a.wallSeconds <= 1.3 * a.boundSeconds]);
  for (const key of ["a", "c"]) {
    for (const s of all(key, "shared")) {
      const n = all(key, "naive").find((m) => m.parallel === s.parallel);
      if (n) checks.push([`(${key}) describe calls a fifth of naive mode's or fewer: ${fmt(s.describePerInstance, 2)} vs ${fmt(n.describePerInstance, 2)} per instance`, s.describePerInstance * 5 <= n.describePerInstance]);
    }
  }
  for (const key of ["p300", "n300", "p1000", "n1000"]) {
    for (const m of all(key, "shared")) {
      if (m.floorSeconds === undefined) continue;
      const wait = Math.max(m.boundSeconds, m.floorSeconds);
      checks.push([`(${key}, --parallel ${parallelOf(m)}) within 1.3x of the null-provider floor: ${fmt(m.wallSeconds)}s vs ${fmt(m.floorSeconds)}s (${ratio(m.wallSeconds, m.floorSeconds)})`, m.ok && m.wallSeconds <= 1.3 * wait]);
    }
  }
  for (const m of results.filter((x) => x.mode === "shared" && (x.scenario.op === "preview" || x.scenario.noop))) {
    const most = Math.ceil(m.held / 100) + 2;
    checks.push([`(${m.scenario.key}) describe calls at most ceil(instances/100)+2 = ${most}: ${fmt(describeCalls(m), 0)}`, describeCalls(m) <= most]);
  }
  for (const m of results.filter((x) => x.mode === "shared" && x.stateBytesPerResource !== undefined)) {
    checks.push([`(${m.scenario.key}) state at most 3,550 bytes a resource (half of the 7.1 KB before): ${fmt(m.stateBytesPerResource!, 0)}`, m.stateBytesPerResource! <= 3550]);
  }
  for (const m of all("u1000", "shared")) {
    const bound = Math.max(m.boundSeconds, m.floorSeconds ?? 0);
    checks.push([`(u1000, --parallel ${parallelOf(m)}) within 1.3x of max(cloud bound, floor) = ${fmt(bound)}s: ${fmt(m.wallSeconds)}s`, m.ok && m.wallSeconds <= 1.3 * bound]);
  }
  const failed = results.filter((m) => !m.ok || m.throttlingErrorsSeen > 0);
  checks.push([`no scenario failed and no throttling error reached the user (${results.length} runs; throttled answers absorbed: ${results.reduce((n, m) => n + m.throttled, 0)})`, failed.length === 0]);
  const strays = results.filter((m) => m.held !== m.expectedHeld);
  checks.push([`every scenario left exactly the instances its stacks account for (none twice, none leaked)${strays.map((m) => `; ${m.mode} ${m.scenario.key}: ${m.held} held, ${m.expectedHeld} expected`).join("")}`, strays.length === 0]);
  for (const key of ["e", "u1000"]) {
    for (const m of all(key, "shared")) checks.push([`(${key}) provider peak memory with 1,000 instances in flight under 200 MB: ${mb(m.providerPeakMb)}`, (m.providerPeakMb ?? Infinity) < 200]);
  }
  console.log("\n## Checks\n");
  for (const [what, ok] of checks) console.log(`${ok ? "PASS" : "FAIL"} ${what}`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-bench-"));
  // The default quotas of 200 instances a region (JD, Lighthouse) would refuse the 1,000-instance scenarios;
  // localcloud reads the overrides from its state file.
  const stateFile = path.join(work, "localcloud.json");
  fs.writeFileSync(stateFile, JSON.stringify({ jdcloud: { quotaPerRegion: 4000 }, lighthouse: { quotaPerRegion: 2000 } }));
  const lc = await startLocalcloud({ port: 0, timeScale: o.timeScale, stateFile });
  const fleets: BenchTarget["fleets"] = new Map();
  const results: Measurement[] = [];
  try {
    const floor = await runTimed({
      op: "up",
      example: "bench-fleet",
      stack: "empty",
      stateDir: path.join(work, "floor"),
      config: { cloud: "lighthouse", resources: 0 },
      secrets: {},
      parallel: o.parallel[0],
      env: {},
    });
    console.log(`empty program (an up with no resources): ${fmt(floor.engineSeconds)}s`);
    const selected = SCENARIOS.filter((s) => !o.only || o.only.has(s.key));
    for (const parallel of o.parallel) {
      const tag = parallel === undefined ? "-pdef" : `-p${parallel}`;
      const target: BenchTarget = {
        url: lc.url,
        timeScale: o.timeScale,
        parallel,
        nodeOptions: o.nodeOptions,
        stackTag: tag,
        stateDir: (mode) => path.join(work, `${mode}${tag}`),
        fleets,
      };
      for (const stack of [...new Set(selected.map((s) => s.stack))]) {
        const scenarios = selected.filter((x) => x.stack === stack);
        // Against the null provider, each operation runs with both providers back to back, so load from elsewhere on
        // the machine hits the figure and its floor alike. Both lightfleet modes run a stack's scenarios in turn,
        // so that only one of their fleets is in the cloud at a time.
        const runs: Array<[Scenario, PollMode[]]> = scenarios.every((s) => s.modes?.includes("null"))
          ? scenarios.map((s) => [s, s.modes!])
          : (["shared", "naive"] as PollMode[]).flatMap((mode) => scenarios.map((s): [Scenario, PollMode[]] => [s, [mode]]));
        for (const [s, modes] of runs) {
          const byMode = new Map<PollMode, Measurement>();
          for (const mode of modes) {
            const m = await runScenario(target, s, mode);
            if (s.op === "up" && !s.noop && m.ok) m.stateBytesPerResource = await stateBytesPerResource(target, s, mode);
            byMode.set(mode, m);
          }
          const nul = byMode.get("null");
          for (const [mode, m] of byMode) {
            if (mode !== "null" && nul?.ok) {
              m.floorSeconds = nul.wallSeconds;
              m.floorProviderCpuSeconds = nul.providerCpuSeconds;
            }
            printMeasurement(m);
            if (!m.ok) console.log(m.run.log.slice(-4000));
            results.push(m);
          }
        }
      }
    }
    printSummary(results, floor.engineSeconds, o);
  } finally {
    await lc.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(err.stack ?? String(err));
  process.exitCode = 1;
});
