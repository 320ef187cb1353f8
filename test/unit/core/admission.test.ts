import { Admission } from "../../../provider/core/admission";

/** settled lets every pending promise callback run. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

/** held returns a task that records its start and ends when `release` is called, failing if asked to. */
function held(started: string[], name: string) {
  let release!: (fail?: boolean) => void;
  const ended = new Promise<void>((resolve, reject) => (release = (fail) => (fail ? reject(new Error(`${name} failed`)) : resolve())));
  return {
    task: async () => {
      started.push(name);
      await ended;
      return name;
    },
    release,
  };
}

describe("Admission", () => {
  it("runs at most its limit at once and lets the others in by order of arrival as places free", async () => {
    const admission = new Admission(2);
    const started: string[] = [];
    const tasks = ["a", "b", "c", "d", "e"].map((n) => held(started, n));
    const runs = tasks.map((t) => admission.run(t.task));
    await settled();
    expect(started).toEqual(["a", "b"]);
    expect(admission.waiting).toBe(3);
    tasks[1].release();
    await settled();
    expect(started).toEqual(["a", "b", "c"]);
    tasks[0].release();
    tasks[2].release();
    await settled();
    expect(started).toEqual(["a", "b", "c", "d", "e"]);
    tasks[3].release();
    tasks[4].release();
    await expect(Promise.all(runs)).resolves.toEqual(["a", "b", "c", "d", "e"]);
    expect(admission.waiting).toBe(0);
  });

  it("passes the place of a caller that failed to the next, and raises the failure to that caller alone", async () => {
    const admission = new Admission(1);
    const started: string[] = [];
    const first = held(started, "first");
    const second = held(started, "second");
    const failing = admission.run(first.task);
    const next = admission.run(second.task);
    await settled();
    first.release(true);
    await expect(failing).rejects.toThrow("first failed");
    await settled();
    expect(started).toEqual(["first", "second"]);
    second.release();
    await expect(next).resolves.toBe("second");
  });

  it("lets a caller that arrives after the line emptied in at once", async () => {
    const admission = new Admission(1);
    await admission.run(async () => undefined);
    const started: string[] = [];
    const later = held(started, "later");
    const run = admission.run(later.task);
    await settled();
    expect(started).toEqual(["later"]);
    later.release();
    await expect(run).resolves.toBe("later");
  });
});
