import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runScenario, stateBytesPerResource, type BenchTarget, type Measurement, type PollMode, type Scenario } from "../../bench/scenarios";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

/**
 * A small version of the fleet benchmark (`npm run bench`), so that a regression in the shared poller fails CI:
 * 20 Lighthouse resources through the real engine, with the published rate limits on, once with the shared poller
 * and once with the naive per-resource poller; the shared run also previews the fleet once it is up.
 */
const RESOURCES = 20;
const TIME_SCALE = 0.1;

const scenario = (op: Scenario["op"]): Scenario => ({ key: op, title: op, op, stack: "scale", cloud: "lighthouse", resources: RESOURCES, perResource: 1 });

describe("a fleet of 20 resources through the real engine", () => {
  let lc: LocalcloudHandle;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-scale-"));
  const results: Partial<Record<PollMode, Record<string, Measurement>>> = {};
  let stateBytes: number | undefined;

  beforeAll(async () => {
    lc = await startTestLocalcloud({ timeScale: TIME_SCALE });
    const target: BenchTarget = { url: lc.url, timeScale: TIME_SCALE, parallel: RESOURCES, stateDir: (mode) => path.join(work, mode), fleets: new Map() };
    for (const mode of ["shared", "naive"] as PollMode[]) {
      const byOp: Record<string, Measurement> = {};
      const ops = mode === "shared" ? (["up", "preview", "refresh", "destroy"] as const) : (["up", "refresh", "destroy"] as const);
      for (const op of ops) {
        byOp[op] = await runScenario(target, scenario(op), mode);
        if (mode === "shared" && op === "up") stateBytes = await stateBytesPerResource(target, scenario(op), mode);
      }
      results[mode] = byOp;
    }
    for (const op of ["up", "refresh", "destroy"]) {
      const [s, n] = [results.shared![op], results.naive![op]];
      const calls = (m: Measurement) => Object.entries(m.calls).map(([k, v]) => `${k} ${v}`).join(", ");
      console.log(
        `scale ${op} of ${RESOURCES}: shared ${s.wallSeconds.toFixed(1)}s (bound ${s.boundSeconds.toFixed(1)}s; ${calls(s)});` +
          ` naive ${n.wallSeconds.toFixed(1)}s (${calls(n)}); naive/shared describe calls ${(n.calls.DescribeInstances / s.calls.DescribeInstances).toFixed(1)}x`,
      );
    }
  }, 15 * 60_000);

  afterAll(async () => {
    // localcloud keeps its state in memory: closing it is the cleanup, whatever a failed run left.
    await lc?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("creates, refreshes and destroys every resource in both modes, and no throttling error reaches the user", () => {
    for (const mode of ["shared", "naive"] as const) {
      for (const m of Object.values(results[mode]!)) {
        if (!m.ok) throw new Error(`${mode} ${m.scenario.op} failed: ${m.error}\n${m.run.log.slice(-3000)}`);
        expect(m.throttlingErrorsSeen).toBe(0);
        // None created twice: localcloud holds exactly the instances the stacks so far account for.
        expect(m.held).toBe(m.expectedHeld);
      }
      expect(results[mode]!.up.run.outputs?.instances).toBe(RESOURCES);
    }
  });

  it("refresh reads all 20 resources in a fifth of the describe calls naive polling needs, or fewer", () => {
    const shared = results.shared!.refresh.calls.DescribeInstances;
    const naive = results.naive!.refresh.calls.DescribeInstances;
    expect(shared * 5).toBeLessThanOrEqual(naive);
  });

  it("up spends a fifth of the describe calls naive polling needs, or fewer", () => {
    expect(results.shared!.up.calls.DescribeInstances * 5).toBeLessThanOrEqual(results.naive!.up.calls.DescribeInstances);
  });

  it("up makes no describe call of its own per resource: the shared listing and poller make fewer than one a resource", () => {
    expect(results.shared!.up.calls.DescribeInstances).toBeLessThan(RESOURCES);
  });

  it("destroy isolates and terminates all 20 resources' instances in shared calls, and leaves localcloud empty", () => {
    const shared = results.shared!.destroy;
    // 20 ids an IsolateInstances call, 100 a TerminateInstances call: the resources' deletes join into few calls.
    expect(shared.calls.IsolateInstances).toBeLessThanOrEqual(4 + shared.throttled);
    expect(shared.calls.TerminateInstances).toBeLessThanOrEqual(4 + shared.throttled);
    expect(shared.held).toBe(0);
  });

  it("preview checks all 20 resources for drift in one listing of the region and one dry run, not a call per resource", () => {
    const preview = results.shared!.preview;
    if (!preview.ok) throw new Error(`preview failed: ${preview.error}\n${preview.run.log.slice(-3000)}`);
    // A DescribeInstances page holds 100 instances; the few calls on top leave room for a throttled page asked again.
    expect(preview.calls.DescribeInstances).toBeLessThanOrEqual(Math.ceil(preview.held / 100) + 2);
    // The 20 fleets differ only in their names: they share one dry run (a CreateInstances with DryRun).
    expect(preview.calls.CreateInstances).toBe(1);
  });

  it("each resource takes at most half the 7.1 KB of state it took with a serialized closure provider", () => {
    expect(stateBytes).toBeGreaterThan(0);
    expect(stateBytes).toBeLessThanOrEqual(3550);
  });

  it("up sends one CreateInstances call per resource and one dry run for all 20 alike fleets, with throttling absorbed", () => {
    const shared = results.shared!.up;
    // Throttling answers are retried with a slower bucket; each costs one extra call at most.
    expect(shared.calls.CreateInstances).toBeLessThanOrEqual(RESOURCES + 1 + shared.throttled);
  });
});
