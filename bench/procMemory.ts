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

/**
 * ProviderMemorySampler follows the dynamic-provider processes the engine starts below one stack runner and keeps
 * their peak resident memory. The kernel keeps the peak itself (VmHWM), so sampling only has to happen once more
 * before the process exits; sampling every 200 ms catches all but a provider that lives less than that.
 */
export class ProviderMemorySampler {
  private readonly peaks = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly root: number, everyMs = 200) {
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  /** sample records the current peak of every dynamic-provider process below the root. */
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
      if (!/(^|\/)node$/.test(exe ?? "") || !(script ?? "").includes(MARKER)) continue;
      const kb = highWaterKb(pid);
      if (kb !== undefined) this.peaks.set(pid, Math.max(kb, this.peaks.get(pid) ?? 0));
    }
  }

  /** stop ends sampling and returns the highest peak seen, in MB (undefined when no provider process was seen). */
  stop(): number | undefined {
    clearInterval(this.timer);
    const kb = Math.max(0, ...this.peaks.values());
    return this.peaks.size > 0 ? kb / 1024 : undefined;
  }
}
