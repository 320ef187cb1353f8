/**
 * demo: starts localcloud, runs `pulumi up` of the quickstart example (all four clouds) through the real engine,
 * prints the instances, then destroys the stack and stops localcloud.
 *
 *   npm run demo [-- --keep]    (--keep leaves localcloud and the stack running; Ctrl-C stops localcloud)
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startLocalcloud } from "../localcloud/server";
import { CLOUDS } from "../provider/core/types";

interface Row {
  cloud: string;
  id: string;
  name: string;
  state: string;
  publicIp?: string;
  privateIp?: string;
}

const root = path.resolve(__dirname, "..", "..");

function runStack(op: string, stateDir: string, extra: string[]): Promise<{ ok: boolean; error?: string; outputs?: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "dist", "scripts", "stack.js"), op, "--example", "quickstart", "--stack", "demo", "--state-dir", stateDir, ...extra], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", () => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      resolve(line ? JSON.parse(line.slice(7)) : { ok: false, error: "the stack runner printed no result" });
    });
  });
}

function table(rows: Row[]): string {
  const cols: Array<[keyof Row, string]> = [["cloud", "CLOUD"], ["id", "ID"], ["name", "NAME"], ["state", "STATE"], ["publicIp", "PUBLIC IP"], ["privateIp", "PRIVATE IP"]];
  const width = cols.map(([k, h]) => Math.max(h.length, ...rows.map((r) => String(r[k] ?? "-").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i])).join("  ");
  return [line(cols.map(([, h]) => h)), ...rows.map((r) => line(cols.map(([k]) => String(r[k] ?? "-"))))].join("\n");
}

async function main(): Promise<void> {
  const keep = process.argv.includes("--keep");
  const timeScale = Number(process.env.LIGHTFLEET_DEMO_TIME_SCALE ?? 0.1);
  const lc = await startLocalcloud({ port: Number(process.env.LIGHTFLEET_DEMO_PORT ?? 0), timeScale });
  console.log(`localcloud listening on ${lc.url} (lifecycles at ${timeScale}x real time)`);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-demo-"));
  const config = ["--config", `endpoint=${lc.url}`];
  for (const cloud of CLOUDS) {
    config.push("--config", `lightfleet:${cloud}AccessKey=localcloud`, "--secret", `lightfleet:${cloud}SecretKey=localcloud-secret`);
  }
  console.log("pulumi up (quickstart: one fleet on each of the four clouds)...");
  const up = await runStack("up", stateDir, config);
  if (!up.ok) {
    console.error(`pulumi up failed: ${up.error}`);
    await lc.close();
    process.exit(1);
  }
  const rows: Row[] = [];
  for (const [cloud, instances] of Object.entries((up.outputs?.instances ?? {}) as Record<string, Row[]>)) {
    for (const i of instances) rows.push({ ...i, cloud });
  }
  console.log(`\n${table(rows)}\n`);
  if (keep) {
    console.log(`Left running. Stack state: ${stateDir}. Destroy with:\n  node dist/scripts/stack.js destroy --example quickstart --stack demo --state-dir ${stateDir}\nPress Ctrl-C to stop localcloud.`);
    return;
  }
  console.log("pulumi destroy...");
  const down = await runStack("destroy", stateDir, []);
  const left = (await (await fetch(`${lc.url}/_localcloud/instances`)).json()) as { instances: unknown[] };
  console.log(down.ok ? `destroyed; localcloud holds ${left.instances.length} instances` : `pulumi destroy failed: ${down.error}`);
  await lc.close();
  fs.rmSync(stateDir, { recursive: true, force: true });
  process.exit(down.ok ? 0 : 1);
}

void main();
