import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

/** The localcloud command line as a user runs it: the compiled CLI (npm test builds first), directly and through npx. */
const ROOT = path.resolve(__dirname, "..", "..", "..");
const CLI = path.join(ROOT, "dist", "localcloud", "cli.js");

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** run runs the CLI to its exit; one that keeps running (a flag it should have refused) is killed after 10 s. */
function run(args: string[]): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"], timeout: 10_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

interface Running {
  child: ChildProcess;
  url: string;
  port: number;
  output(): string;
  exited: Promise<number | null>;
}

/** start runs a command that starts localcloud and waits for its banner's first line. */
function start(command: string, args: string[], cwd = ROOT): Promise<Running> {
  const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /localcloud listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (m) resolve({ child, url: m[1], port: Number(m[2]), output: () => out, exited });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then((code) => reject(new Error(`exited with ${code} before listening:\n${out}`)));
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

async function waitForFreePort(port: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await portIsFree(port)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return portIsFree(port);
}

/** killGroup ends whatever a test started, even when the test failed half-way. */
function killGroup(r: Running | undefined): void {
  try {
    if (r?.child.pid) process.kill(-r.child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

describe("lightfleet-localcloud command line", () => {
  it.each([
    [["--timescale", "0.01"], "unknown option --timescale (did you mean --time-scale?)"],
    [["--time-scale", "fast"], '--time-scale must be a number above 0 (1 is realistic, 0.01 a hundred times faster), not "fast"'],
    [["--time-scale=0"], "--time-scale must be a number above 0"],
    [["--port", "http"], '--port must be a whole number from 0 to 65535, not "http"'],
    [["--port=70000"], "--port must be a whole number from 0 to 65535"],
    [["--port"], "option --port needs a value"],
    [["--no-rate-limits=yes"], "option --no-rate-limits takes no value"],
    [["--state", "x.json"], "unknown option --state"],
    [["4600"], "unexpected argument 4600"],
  ])("refuses %j with exit code 2, naming the flag", async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
  });

  it("prints every flag with --help", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    for (const flag of ["--port", "--host", "--state-file", "--seed", "--time-scale", "--access-key", "--secret-key", "--no-rate-limits", "--log-requests"]) {
      expect(r.stdout).toContain(flag);
    }
  });

  it("listens on an ephemeral port with --port=0, prints a banner, logs each request, and stops on SIGTERM", async () => {
    let lc: Running | undefined;
    try {
      lc = await start(process.execPath, [CLI, "--port=0", "--no-rate-limits", "--time-scale=0.01", "--log-requests", "--access-key", "team"]);
      expect(lc.port).not.toBe(4600);
      const health = await fetch(`${lc.url}/_localcloud/health`);
      expect(health.status).toBe(200);
      // An unsigned Lightsail call: the log line names the cloud, the action and the refusal.
      const denied = await fetch(`${lc.url}/`, { method: "POST", headers: { "X-Amz-Target": "Lightsail_20161128.GetRegions" }, body: "{}" });
      expect(denied.status).toBe(403);
      await new Promise((r) => setTimeout(r, 200));
      const out = lc.output();
      expect(out).toContain("rate limits off");
      expect(out).toContain("lifecycles at 0.01x real time");
      expect(out).toMatch(new RegExp(`lighthouse +${lc.url.replace(/\./g, "\\.")}`));
      expect(out).toContain("credentials: access key team, secret key localcloud-secret");
      expect(out).toMatch(/admin GET \/_localcloud\/health 200 \d+ms/);
      expect(out).toMatch(/lightsail GetRegions 403 \d+ms/);
      lc.child.kill("SIGTERM");
      expect(await lc.exited).toBe(0);
      expect(await portIsFree(lc.port)).toBe(true);
    } finally {
      killGroup(lc);
    }
  });

  it("stops on SIGINT", async () => {
    let lc: Running | undefined;
    try {
      lc = await start(process.execPath, [CLI, "--port", "0"]);
      lc.child.kill("SIGINT");
      expect(await lc.exited).toBe(0);
      expect(await portIsFree(lc.port)).toBe(true);
    } finally {
      killGroup(lc);
    }
  });

  it("serves the catalogue of every cloud at /_localcloud/catalog", async () => {
    let lc: Running | undefined;
    try {
      lc = await start(process.execPath, [CLI, "--port", "0"]);
      const { clouds } = (await (await fetch(`${lc.url}/_localcloud/catalog`)).json()) as {
        clouds: Record<string, { regions: Array<{ region: string; zones: string[] }>; plans: Array<{ id: string; unavailable?: string }>; images: unknown[]; subnets: unknown[] }>;
      };
      expect(Object.keys(clouds).sort()).toEqual(["jdcloud", "lighthouse", "lightsail", "zenlayer"]);
      for (const c of Object.values(clouds)) {
        expect(c.regions.length).toBeGreaterThan(0);
        expect(c.regions.every((r) => r.zones.length > 0 && r.zones.every((z) => z.startsWith(r.region)))).toBe(true);
        expect(c.plans.some((p) => !p.unavailable)).toBe(true);
        expect(c.images.length).toBeGreaterThan(0);
      }
      // The README's example fleet uses a plan and an image the catalogue lists as available.
      expect(clouds.lighthouse.plans).toContainEqual({ id: "bundle_gen_03" });
      expect(clouds.lighthouse.plans.find((p) => p.id === "bundle_ent_01")?.unavailable).toBe("sold out");
    } finally {
      killGroup(lc);
    }
  });

  it("stops when the npx process that started it is sent SIGTERM, leaving the port free", async () => {
    // A project with lightfleet installed: npx finds the bin in node_modules/.bin, as after `npm install lightfleet`.
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-npx-"));
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "npx-user", private: true }));
    fs.mkdirSync(path.join(project, "node_modules", ".bin"), { recursive: true });
    fs.chmodSync(CLI, 0o755); // as npm install makes every bin target executable
    fs.symlinkSync(CLI, path.join(project, "node_modules", ".bin", "lightfleet-localcloud"));
    let lc: Running | undefined;
    try {
      lc = await start("npx", ["lightfleet-localcloud", "--port", "0"], project);
      expect(await portIsFree(lc.port)).toBe(false);
      lc.child.kill("SIGTERM");
      expect(await waitForFreePort(lc.port, 5000)).toBe(true);
    } finally {
      killGroup(lc);
      fs.rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);
});
