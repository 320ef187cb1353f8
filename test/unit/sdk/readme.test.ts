import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/**
 * The README's programs are what users copy first: each TypeScript block that imports lightfleet is compiled, with
 * the project's settings, as a module of its own beside this test, so a renamed field or a wrong type in an example
 * fails here rather than in a user's editor.
 */
const ROOT = path.resolve(__dirname, "..", "..", "..");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).filter((code) => code.includes('from "lightfleet"'));
const files = new Map(blocks.map((code, i) => [path.join(__dirname, `readme-example-${i + 1}.ts`), code]));

const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  },
})!;
const service = ts.createLanguageService(
  {
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => {
      const text = files.get(f) ?? (ts.sys.fileExists(f) ? ts.sys.readFile(f) : undefined);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => ROOT,
    // The examples declare values they do not use, as a user's first program does.
    getCompilationSettings: () => ({ ...config.options, noEmit: true, noUnusedLocals: false }),
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (f) => files.has(f) || ts.sys.fileExists(f),
    readFile: (f) => files.get(f) ?? ts.sys.readFile(f),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  },
  ts.createDocumentRegistry(),
);

describe("README.md's TypeScript programs", () => {
  it("include a minimal and a full program for every cloud", () => {
    for (const cloud of ["lightsail", "lighthouse", "zenlayer", "jdcloud"]) {
      expect(blocks.filter((code) => code.includes(`cloud: "${cloud}"`)).length).toBeGreaterThanOrEqual(2);
    }
  });

  it.each([...files.keys()].map((f) => [path.basename(f, ".ts"), f]))("%s compiles against the package's types", (_name, file) => {
    const errors = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)].map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(errors).toEqual([]);
  });
});
