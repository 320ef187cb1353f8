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

/**
 * fakeGo is a `go` whose `install` writes a host executable into GOBIN (or fails when asked), and logs how it was called,
 * so the build path of the script runs in milliseconds.
 */
function fakeGo(dir: string, logFile: string, fail = false): void {
  fakeExecutable(
    dir,
    "go",
    [
      `echo "$* GOFLAGS=$GOFLAGS GOBIN=$GOBIN" >> ${logFile}`,
      fail ? "echo 'module lookup disabled' >&2; exit 1" : `printf '#!/bin/sh\\n' > "$GOBIN/pulumi-language-yaml"; chmod +x "$GOBIN/pulumi-language-yaml"`,
    ].join("\n"),
  );
}

describe("scripts/ensure-pulumi.sh", () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ensure-pulumi-"));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const cachedCli = (cache: string) => path.join(cache, "pulumi-v3.259.0");
  const readLog = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8").trim().split("\n") : []);

  it("uses pulumi and its YAML host from PATH first and adds the dynamic-provider plugin folder", () => {
    const bin = path.join(tmp, "userbin");
    fakeExecutable(bin, "pulumi", 'echo "v3.999.0"');
    fakeExecutable(bin, "pulumi-language-yaml", "exit 0");
    const r = run([bin], { LIGHTFLEET_CACHE_DIR: path.join(tmp, "cache") });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${bin}:${pluginDir}`);
    expect(r.stderr).toMatch(/using pulumi from PATH/);
    expect(fs.existsSync(path.join(tmp, "cache"))).toBe(false);
  });

  it("builds the YAML host into the cache for a pulumi on PATH that has none, and puts that folder on PATH", () => {
    const bin = path.join(tmp, "userbin");
    const cache = path.join(tmp, "cache");
    const goLog = path.join(tmp, "go.log");
    fakeExecutable(bin, "pulumi", 'echo "v3.999.0"');
    fakeGo(path.join(tmp, "gobin"), goLog);
    const r = run([bin, path.join(tmp, "gobin")], { LIGHTFLEET_CACHE_DIR: cache });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${bin}:${cachedCli(cache)}:${pluginDir}`);
    expect(fs.statSync(path.join(cachedCli(cache), "pulumi-language-yaml")).mode & 0o111).not.toBe(0);
    expect(readLog(goLog)).toEqual([expect.stringMatching(/^install github.com\/pulumi\/pulumi-yaml\/cmd\/pulumi-language-yaml@v1.25.0 GOFLAGS=-mod=mod /)]);
  });

  it("warns, and still gives the CLI, when neither a YAML host nor Go is there", () => {
    const bin = path.join(tmp, "userbin");
    fakeExecutable(bin, "pulumi", 'echo "v3.999.0"');
    const r = run([bin], { LIGHTFLEET_CACHE_DIR: path.join(tmp, "cache") });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${bin}:${pluginDir}`);
    expect(r.stderr).toMatch(/pulumi-language-yaml is not installed.*`runtime: yaml` programs will not run/);
  });

  it("reuses a cached build and its YAML host without rebuilding", () => {
    const cache = path.join(tmp, "cache");
    const goLog = path.join(tmp, "go.log");
    fakeExecutable(cachedCli(cache), "pulumi", 'echo "v3.259.0"');
    fakeExecutable(cachedCli(cache), "pulumi-language-yaml", "exit 0");
    fs.writeFileSync(path.join(cachedCli(cache), "pulumi-language-yaml.version"), "v1.25.0\n");
    fakeGo(path.join(tmp, "gobin"), goLog);
    const r = run([path.join(tmp, "gobin")], { LIGHTFLEET_CACHE_DIR: cache, LIGHTFLEET_IGNORE_PATH_PULUMI: "1" });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${cachedCli(cache)}:${pluginDir}`);
    expect(r.stderr).toMatch(/using cached pulumi v3.259.0/);
    expect(readLog(goLog)).toEqual([]);
  });

  it("builds the YAML host beside a cached CLI that has none, or one of another version", () => {
    const cache = path.join(tmp, "cache");
    const goLog = path.join(tmp, "go.log");
    fakeExecutable(cachedCli(cache), "pulumi", 'echo "v3.259.0"');
    fakeGo(path.join(tmp, "gobin"), goLog);
    const env = { LIGHTFLEET_CACHE_DIR: cache, LIGHTFLEET_IGNORE_PATH_PULUMI: "1" };
    const first = run([path.join(tmp, "gobin")], env);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(`${cachedCli(cache)}:${pluginDir}`);
    expect(fs.readFileSync(path.join(cachedCli(cache), "pulumi-language-yaml.version"), "utf8").trim()).toBe("v1.25.0");
    expect(run([path.join(tmp, "gobin")], env).status).toBe(0);
    expect(readLog(goLog)).toHaveLength(1);

    const next = run([path.join(tmp, "gobin")], { ...env, LIGHTFLEET_PULUMI_YAML_VERSION: "v1.26.0" });
    expect(next.status).toBe(0);
    expect(readLog(goLog)[1]).toMatch(/pulumi-language-yaml@v1.26.0 /);
    expect(fs.readdirSync(cachedCli(cache)).sort()).toEqual(["pulumi", "pulumi-language-yaml", "pulumi-language-yaml.version"]);
  });

  it("fails clearly when the YAML host does not build", () => {
    const cache = path.join(tmp, "cache");
    fakeExecutable(cachedCli(cache), "pulumi", 'echo "v3.259.0"');
    fakeGo(path.join(tmp, "gobin"), path.join(tmp, "go.log"), true);
    const r = run([path.join(tmp, "gobin")], { LIGHTFLEET_CACHE_DIR: cache, LIGHTFLEET_IGNORE_PATH_PULUMI: "1" });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/go install of pulumi-language-yaml v1.25.0 failed/);
    expect(fs.existsSync(path.join(cachedCli(cache), "pulumi-language-yaml"))).toBe(false);
  });

  it("ignores a broken cached binary and says clearly when it cannot build", () => {
    const cache = path.join(tmp, "cache");
    fakeExecutable(cachedCli(cache), "pulumi", "exit 1");
    const r = run([], { LIGHTFLEET_CACHE_DIR: cache, LIGHTFLEET_IGNORE_PATH_PULUMI: "1" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Go is not installed/);
    expect(r.stderr).toMatch(/install the Pulumi CLI/);
  });
});
