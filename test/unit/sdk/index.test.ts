import { execFileSync } from "child_process";
import * as path from "path";

/**
 * What `require("lightfleet")` loads in a user's program, read from `require.cache` of a fresh Node process over the
 * built dist/ (npm test builds first). The program runs in the Pulumi language host on every `pulumi up`: the cloud
 * code (drivers, clients, schemas, signers and their HTTP and validation libraries) belongs to the provider process.
 */
const ROOT = path.resolve(__dirname, "..", "..", "..");

function loadedBy(entry: string): string[] {
  const script = `require(${JSON.stringify(entry)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const out = execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
  return (JSON.parse(out) as string[]).map((f) => path.relative(ROOT, f).split(path.sep).join("/"));
}

describe('require("lightfleet")', () => {
  let loaded: string[];
  beforeAll(() => {
    loaded = loadedBy("lightfleet");
  });

  it("loads no driver, client, finder, schema, signer, HTTP client or validation library", () => {
    const heavy = loaded.filter(
      (f) =>
        /^dist\/provider\/clouds\/[^/]+\/(driver|client|find|schema|status|errors|preflight|snapshot)\.js$/.test(f) ||
        /^dist\/provider\/clouds\/(registry|snapshotRegistry)\.js$/.test(f) ||
        f.startsWith("dist/signing/") ||
        /^dist\/provider\/core\/(http|transport)\.js$/.test(f) ||
        /node_modules\/(got|zod|@aws-sdk)\//.test(f),
    );
    expect(heavy).toEqual([]);
  });

  it("loads of lightfleet's own code only the SDK, the cloud manifests and the output keys", () => {
    const own = loaded.filter((f) => f.startsWith("dist/"));
    const allowed = (f: string) =>
      f.startsWith("dist/sdk/") ||
      f === "dist/provider/core/outputs.js" ||
      f === "dist/provider/clouds/manifests.js" ||
      /^dist\/provider\/clouds\/[^/]+\/manifest\.js$/.test(f);
    expect(own.filter((f) => !allowed(f))).toEqual([]);
    expect(own).toContain("dist/sdk/index.js");
  });
});
