import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import ts from "typescript";

/** MAX_LINES is the most lines a localcloud function may span, from its signature to its closing brace. */
const MAX_LINES = 60;

const root = join(__dirname, "../../../localcloud");

/** FOLDERS are localcloud's own folder and each cloud's, found on disk so a new cloud is covered without an edit. */
const FOLDERS = [".", ...readdirSync(join(root, "clouds"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join("clouds", d.name))];

function longFunctions(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : "(anonymous)";
      if (lines > MAX_LINES) found.push(`${file.slice(root.length + 1)}:${start + 1} ${name} spans ${lines} lines`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("localcloud functions stay short", () => {
  test.each(FOLDERS)(`no function in localcloud/%s spans more than ${MAX_LINES} lines`, (folder) => {
    const dir = join(root, folder);
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((f) => longFunctions(join(dir, f)))).toEqual([]);
  });
});
