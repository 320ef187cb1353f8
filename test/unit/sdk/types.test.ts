import * as path from "path";
import * as ts from "typescript";

/**
 * The argument types as a user's editor sees them: the TypeScript compiler, with the project's settings, reads
 * programs under fixtures/ that import "lightfleet" and the generated sdk/types modules. One language service serves
 * every case, so the compiler's start-up is paid once.
 */
const ROOT = path.resolve(__dirname, "..", "..", "..");
const FIXTURES = path.join(__dirname, "fixtures");
const TYPES = path.join(ROOT, "sdk", "types");
const CLOUD_FILES = ["lightsail", "lighthouse", "zenlayer", "jdcloud"].map((c) => path.join(TYPES, `${c}.ts`));

const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  },
})!;
const fixture = (name: string) => path.join(FIXTURES, `${name}.ts`);
const roots = [...["valid", "foreignField", "misspeltField", "nestedMisspelt", "lateCloudMisspelt"].map(fixture), ...CLOUD_FILES];
const service = ts.createLanguageService(
  {
    getScriptFileNames: () => roots,
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)!) : undefined),
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => ({ ...config.options, noEmit: true }),
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  },
  ts.createDocumentRegistry(),
);

/** errorsIn are the compiler's errors in one fixture, as text. */
function errorsIn(name: string): string[] {
  const file = fixture(name);
  return [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)].map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("Instance and InstanceSnapshot argument types", () => {
  it("accept Outputs in nested fields, a literal cloud and a cloud given as a typed Output", () => {
    expect(errorsIn("valid")).toEqual([]);
  });

  it.each([
    ["foreignField", "zoneId"],
    ["misspeltField", "keyPairname"],
    ["nestedMisspelt", "craete"],
    ["lateCloudMisspelt", "keyPairname"],
  ])("refuse %s, naming %s", (name, field) => {
    const errors = errorsIn(name);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join("\n")).toContain(`'${field}'`);
  });

  it("document every field and nested field of every cloud's generated types in hover text", () => {
    const undocumented: string[] = [];
    let fields = 0;
    for (const file of CLOUD_FILES) {
      const source = service.getProgram()!.getSourceFile(file)!;
      const visit = (node: ts.Node): void => {
        if (ts.isPropertySignature(node) && !ts.isComputedPropertyName(node.name)) {
          fields++;
          const hover = service.getQuickInfoAtPosition(file, node.name.getStart(source));
          if (!ts.displayPartsToString(hover?.documentation).trim()) undocumented.push(`${path.basename(file)}: ${node.name.getText(source)}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(fields).toBeGreaterThan(40);
    expect(undocumented).toEqual([]);
  });

  it("show a field's documentation where a user writes it", () => {
    const file = fixture("valid");
    const text = ts.sys.readFile(file)!;
    const hover = (word: string) => ts.displayPartsToString(service.getQuickInfoAtPosition(file, text.indexOf(word))?.documentation);
    expect(hover("blueprintId")).toMatch(/blueprint/i);
    expect(hover("snapshotTimeOfDay")).toMatch(/HH:00/);
  });
});
