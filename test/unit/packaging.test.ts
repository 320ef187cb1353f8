import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/**
 * What `npm publish` would ship, read from `npm pack --dry-run` over the built dist/ (npm test builds first): every
 * entry point a user can reach resolves inside the tarball, and nothing else comes along.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string>;
};

function packedFiles(): Set<string> {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const [report] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  return new Set(report.files.map((f) => f.path));
}

const norm = (p: string) => path.posix.normalize(p).replace(/^\.\//, "");

/** resolves is how Node resolves a relative require from `from`: the file, .js/.json added, or a folder's index.js. */
function resolves(files: Set<string>, from: string, spec: string): boolean {
  const base = path.posix.join(path.posix.dirname(from), spec);
  return [base, `${base}.js`, `${base}.json`, `${base}/index.js`].some((c) => files.has(c));
}

describe("the published package", () => {
  let files: Set<string>;
  beforeAll(() => {
    files = packedFiles();
  });

  it("ships every target of exports, main, types and bin", () => {
    const targets = [pkg.main, pkg.types, ...Object.values(pkg.bin), ...Object.values(pkg.exports)].map(norm);
    expect(targets.filter((t) => !files.has(t))).toEqual([]);
    for (const t of Object.values(pkg.exports).map(norm).filter((t) => t.endsWith(".js"))) {
      expect(files).toContain(t.replace(/\.js$/, ".d.ts"));
    }
  });

  it("ships the licence, the readme and the changelog", () => {
    for (const f of ["LICENSE", "README.md", "CHANGELOG.md", "package.json"]) expect(files).toContain(f);
    expect(fs.readFileSync(path.join(ROOT, "LICENSE"), "utf8")).toContain("Apache License\n                           Version 2.0");
  });

  it("ships no tests, benchmarks, scripts, examples, TypeScript sources or source maps", () => {
    const unwanted = [...files].filter(
      (f) => /^(dist\/)?(test|bench|scripts|examples)\//.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts")) || f.endsWith(".map"),
    );
    expect(unwanted).toEqual([]);
  });

  it("resolves every relative require of the shipped code inside the tarball", () => {
    const dangling: string[] = [];
    for (const f of [...files].filter((f) => f.endsWith(".js"))) {
      const text = fs.readFileSync(path.join(ROOT, f), "utf8");
      for (const m of text.matchAll(/require\("(\.{1,2}\/[^"]*)"\)/g)) if (!resolves(files, f, m[1])) dangling.push(`${f} -> ${m[1]}`);
    }
    expect(dangling).toEqual([]);
  });
});
