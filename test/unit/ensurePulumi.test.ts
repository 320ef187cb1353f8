import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const script = path.resolve(__dirname, "..", "..", "scripts", "ensure-pulumi.sh");
const pluginDir = path.resolve(__dirname, "..", "..", "node_modules", "@pulumi", "pulumi");

function fakeExecutable(dir: string, name: string, body: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}

/** run executes the script with a PATH made only of the given folders plus the basic system tools. */
function run(pathDirs: string[], env: Record<string, string> = {}) {
  const r = spawnSync("bash", [script], {
    encoding: "utf8",
    env: { PATH: [...pathDirs, "/usr/bin", "/bin"].join(":"), HOME: os.tmpdir(), ...env },
  });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

describe("scripts/ensure-pulumi.sh", () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ensure-pulumi-"));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("uses pulumi from PATH first and adds the dynamic-provider plugin folder", () => {
    const bin = path.join(tmp, "userbin");
    fakeExecutable(bin, "pulumi", 'echo "v3.999.0"');
    const r = run([bin], { LIGHTFLEET_CACHE_DIR: path.join(tmp, "cache") });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${bin}:${pluginDir}`);
    expect(r.stderr).toMatch(/using pulumi from PATH/);
    expect(fs.existsSync(path.join(tmp, "cache"))).toBe(false);
  });

  it("reuses a cached build without rebuilding", () => {
    const cache = path.join(tmp, "cache");
    fakeExecutable(path.join(cache, "pulumi-v3.259.0"), "pulumi", 'echo "v3.259.0"');
    const r = run([], { LIGHTFLEET_CACHE_DIR: cache, LIGHTFLEET_IGNORE_PATH_PULUMI: "1" });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${path.join(cache, "pulumi-v3.259.0")}:${pluginDir}`);
    expect(r.stderr).toMatch(/using cached pulumi v3.259.0/);
  });

  it("ignores a broken cached binary and says clearly when it cannot build", () => {
    const cache = path.join(tmp, "cache");
    fakeExecutable(path.join(cache, "pulumi-v3.259.0"), "pulumi", "exit 1");
    const r = run([], { LIGHTFLEET_CACHE_DIR: cache, LIGHTFLEET_IGNORE_PATH_PULUMI: "1" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Go is not installed/);
    expect(r.stderr).toMatch(/install the Pulumi CLI/);
  });
});
