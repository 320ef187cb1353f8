import * as fs from "fs";
import * as path from "path";
import { generateTypes, withTables } from "../../../scripts/gen-types";

/**
 * The committed argument types and the README's input tables are what the cloud schemas generate today: a schema
 * change without `npm run gen-types` fails here.
 */
const ROOT = path.resolve(__dirname, "..", "..", "..");

describe("sdk/types", () => {
  const generated = generateTypes();

  it.each(Object.keys(generated))("%s is up to date with the schemas (npm run gen-types)", (file) => {
    const committed = path.join(ROOT, file);
    expect(fs.existsSync(committed) ? fs.readFileSync(committed, "utf8") : "(missing)").toBe(generated[file]);
  });

  it("gives every field a TypeScript type, not unknown (a password with several patterns is a string)", () => {
    const vague = Object.entries(generated).flatMap(([file, text]) => text.split("\n").filter((l) => /Input<[^>]*\bunknown\b/.test(l)).map((l) => `${file}: ${l.trim()}`));
    expect(vague).toEqual([]);
  });

  it("holds no file the schemas no longer generate", () => {
    const present = fs.readdirSync(path.join(ROOT, "sdk", "types")).map((f) => path.join("sdk", "types", f));
    expect(present.sort()).toEqual(Object.keys(generated).sort());
  });
});

describe("README.md", () => {
  it("lists every input of every cloud as the schemas define them (npm run gen-types)", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(readme).toBe(withTables(readme));
  });
});
