import * as fs from "fs";

/** MARKER is in the command line of the engine's dynamic-provider process (node running @pulumi's dynamic-provider). */
const MARKER = "dynamic-provider";

/** parentsOf reads every process's parent id from /proc, so that a process tree can be walked without `ps`. */
function parentsOf(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in field 2 may hold spaces and parentheses: the fields after the last ")" are fixed.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // The process ended between listing and reading.
    }
  }
  return parents;
}

/** descendantsOf lists every process below `root` (children, their children, ...). */
function descendantsOf(root: number, parents: Map<number, number>): number[] {
  const out: number[] = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const pid = frontier.pop()!;
    for (const [child, parent] of parents) {
      if (parent === pid) {
        out.push(child);
        frontier.push(child);
      }
    }
  }
  return out;
}

/** highWaterKb reads a process's peak resident set (VmHWM) in kB, or undefined when it has ended. */
function highWaterKb(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** cpuTicks reads the CPU a process has used so far, user and system, in clock ticks, or undefined when it has ended. */
function cpuTicks(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name start at field 3 (state); utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/** TICKS_PER_SECOND is the kernel's USER_HZ, the unit of /proc/<pid>/stat's CPU times (100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * MemoryPeaks are the peak resident memory, in MB, of the dynamic-provider process and of the engine (undefined when
 * unseen), and the CPU seconds every dynamic-provider process used (as last sampled, so up to one interval short).
 */
export interface MemoryPeaks {
  providerMb?: number;
  engineMb?: number;
  providerCpuSeconds?: number;
}

/**
 * ProcessMemorySampler follows the engine (the `pulumi` CLI) and the dynamic-provider processes it starts below one
 * stack runner and keeps their peak resident memory and the providers' CPU time. The kernel keeps the peak itself (VmHWM), so sampling only has
 * to happen once more before the process exits; sampling every 200 ms catches all but a process that lives less.
 */
export class ProcessMemorySampler {
  private readonly peaks = { provider: new Map<number, number>(), engine: new Map<number, number>() };
  private readonly providerTicks = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly root: number, everyMs = 200) {
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  /** sample records the current peak of the engine and every dynamic-provider process below the root. */
  sample(): void {
    for (const pid of descendantsOf(this.root, parentsOf())) {
      let cmdline: string;
      try {
        cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      } catch {
        continue;
      }
      // argv is [node, <script>, ...]; `node -e "require.resolve(...)"` run by the plugin's launcher is not it.
      const [exe, script] = cmdline.split("\0");
      const kind = /(^|\/)pulumi$/.test(exe ?? "")
        ? "engine"
        : /(^|\/)node$/.test(exe ?? "") && (script ?? "").includes(MARKER)
          ? "provider"
          : undefined;
      if (!kind) continue;
      const kb = highWaterKb(pid);
      if (kb !== undefined) this.peaks[kind].set(pid, Math.max(kb, this.peaks[kind].get(pid) ?? 0));
      const ticks = kind === "provider" ? cpuTicks(pid) : undefined;
      if (ticks !== undefined) this.providerTicks.set(pid, ticks);
    }
  }

  /** stop ends sampling and returns the highest peak seen of each kind of process. */
  stop(): MemoryPeaks {
    clearInterval(this.timer);
    const mb = (m: Map<number, number>) => (m.size > 0 ? Math.max(...m.values()) / 1024 : undefined);
    const ticks = [...this.providerTicks.values()].reduce((a, b) => a + b, 0);
    return { providerMb: mb(this.peaks.provider), engineMb: mb(this.peaks.engine), providerCpuSeconds: this.providerTicks.size > 0 ? ticks / TICKS_PER_SECOND : undefined };
  }
}
