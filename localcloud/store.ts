import * as fs from "fs";
import * as path from "path";

/**
 * FileStore keeps localcloud's state as one JSON document, written atomically (temporary file, then rename) shortly
 * after each change, so a restart resumes where it stopped. Without a path it keeps state in memory only.
 */
export class FileStore {
  private data: Record<string, Record<string, unknown>> = {};
  private timer?: NodeJS.Timeout;

  /**
   * @param file where state is kept across restarts
   * @param seed a state document to start from when `file` does not exist yet (e.g. instances that exist "before"
   *   a test, for adoption); a copy, the seed itself is never written
   */
  constructor(
    private readonly file?: string,
    seed?: string,
  ) {
    const from = file && fs.existsSync(file) ? file : seed;
    if (from) this.data = JSON.parse(fs.readFileSync(from, "utf8"));
  }

  /** section returns a cloud's state object, created empty on first use. */
  section(name: string): Record<string, unknown> {
    return (this.data[name] ??= {});
  }

  /** reset forgets everything (sections keep their identity, emptied). */
  reset(): void {
    for (const s of Object.values(this.data)) for (const k of Object.keys(s)) delete s[k];
    this.save();
  }

  /** save schedules a write; several changes within a few milliseconds become one write. */
  save(): void {
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => this.flush(), 20);
  }

  /** flush writes now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.data));
    fs.renameSync(tmp, this.file);
  }
}
