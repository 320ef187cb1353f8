import * as fs from "fs";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import { killTree } from "../support/engine";
import { Stack, reapPlugins, until } from "./support";

/**
 * An idle provider outlives no engine: the engine (the `pulumi` CLI) is killed (SIGKILL, as a crash would) while the
 * dynamic-provider process has nothing to do, and that process exits within a few seconds by itself. Linux only
 * (reads /proc).
 */
jest.setTimeout(300_000);

/** processes lists the live processes as pid, parent pid, command name and command line. */
function processes(): Array<{ pid: number; ppid: number; comm: string; cmdline: string; cwd: string }> {
  const out = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ");
      out.push({ pid: Number(entry), ppid, comm, cmdline, cwd: fs.readlinkSync(`/proc/${entry}/cwd`) });
    } catch {
      // Gone meanwhile, or not ours to inspect.
    }
  }
  return out;
}

const alive = (pid: number) => processes().some((p) => p.pid === pid);

describe("an idle dynamic-provider process", () => {
  let lc: LocalcloudHandle;
  beforeAll(async () => {
    lc = await startTestLocalcloud();
  });
  afterAll(() => lc.close());

  it("exits within seconds once its engine is killed", async () => {
    const stack = new Stack(lc, "reliability-idle", "idle");
    const { child, done } = stack.start("up", { holdSeconds: 240 });
    try {
      await until(async () => ((await lc.instances("lightsail")).some((i) => i.name === "idle-1" && i.state === "running") ? true : undefined), 120_000, "the fleet running");
      const provider = await until(
        async () => processes().find((p) => p.comm === "node" && p.cmdline.includes("dynamic-provider") && p.cwd.startsWith(stack.stateDir)),
        30_000,
        "the dynamic-provider process",
      );
      const engine = processes().find((p) => p.ppid === child.pid && p.comm === "pulumi");
      expect(engine).toBeDefined();
      // The create has been answered: the provider has nothing left to do when its engine goes.
      await new Promise((r) => setTimeout(r, 2000));
      process.kill(engine!.pid, "SIGKILL");
      await until(async () => (alive(provider.pid) ? undefined : true), 10_000, `the provider process ${provider.pid} to exit`);
    } finally {
      killTree(child);
      reapPlugins(stack.stateDir);
      await done;
    }
  });
});
