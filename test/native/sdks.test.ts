import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PackageSchema } from "../../scripts/gen-schema";

/**
 * The SDKs `npm run gen-sdks` generates from provider/native/schema.json work as a user of each language would use
 * them: the TypeScript SDK type-checks and refuses an Instance without a required input, the Python SDK installs into
 * a virtualenv with the `pulumi` package and documents its typed arguments, the Go SDK and a program using it build
 * against github.com/pulumi/pulumi/sdk/v3 from the module proxy. (No .NET SDK or NuGet feed can be had here, so the
 * C# SDK is not generated: see scripts/gen-sdks.sh.)
 */
const ROOT = path.resolve(__dirname, "..", "..");
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "provider", "native", "schema.json"), "utf8")) as PackageSchema;
// The first run on a machine builds the code generators and fetches Go modules and PyPI packages into the caches.
const COLD = 20 * 60 * 1000;

let out: string;

/** run runs a command and returns its output, with the command's stderr in the error when it fails. */
function run(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  try {
    return execFileSync(file, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-sdks-"));
  run("bash", [path.join(ROOT, "scripts", "gen-sdks.sh"), "-o", out, "nodejs", "python", "go"], { cwd: ROOT });
}, COLD);

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

describe("the generated nodejs SDK", () => {
  it("type-checks with tsc, and refuses a Lightsail Instance without its bundle or with an IP address type of no enum value", () => {
    const dir = path.join(out, "nodejs");
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    fs.writeFileSync(
      path.join(dir, "check.ts"),
      [
        'import * as lightfleet from "./index";',
        'const web = new lightfleet.lightsail.Instance("web", { availabilityZone: "us-east-1a", blueprintId: "ubuntu_24_04", bundleId: "nano_3_0", userData: "echo hi", tags: { team: "web" }, ipAddressType: "ipv6" });',
        "export const ips: lightfleet.types.output.InstanceSummary[] | undefined = undefined;",
        "export const ids = web.instanceIds;",
        "// @ts-expect-error bundleId is a required input",
        'new lightfleet.lightsail.Instance("bad", { availabilityZone: "us-east-1a", blueprintId: "ubuntu_24_04" });',
        "// @ts-expect-error an IP address type is one of the enum's values",
        'new lightfleet.lightsail.Instance("bad", { availabilityZone: "us-east-1a", blueprintId: "ubuntu_24_04", bundleId: "nano_3_0", ipAddressType: "ipv5" });',
        "",
      ].join("\n"),
    );
    fs.writeFileSync(path.join(dir, "tsconfig.check.json"), JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { noEmit: true }, include: ["**/*.ts"], exclude: ["node_modules", "bin"] }));
    run(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(dir, "tsconfig.check.json")]);
  }, COLD);
});

describe("the generated Python SDK", () => {
  it("installs into a virtualenv with the pulumi package, imports, and documents its typed arguments and enums", () => {
    const python = run("bash", [path.join(ROOT, "scripts", "ensure-sdk-pyenv.sh")]).trim();
    run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-build-isolation", path.join(out, "python")]);
    const script = [
      "import inspect, json",
      "from pulumi_lightfleet import lightsail",
      "try:",
      "    lightsail.InstanceArgs(availability_zone='us-east-1a', blueprint_id='ubuntu_24_04')",
      "    missing = ''",
      "except TypeError as e:",
      "    missing = str(e)",
      "print(json.dumps({'signature': str(inspect.signature(lightsail.InstanceArgs.__init__)), 'doc': inspect.getdoc(lightsail.InstanceArgs.blueprint_id), 'missing': missing, 'ipAddressTypes': [e.value for e in lightsail.IpAddressType]}))",
    ].join("\n");
    const seen = JSON.parse(run(python, ["-c", script])) as { signature: string; doc: string; missing: string; ipAddressTypes: string[] };
    const blueprint = schema.resources["lightfleet:lightsail:Instance"].inputProperties.blueprintId.description;
    expect(seen.signature).toMatch(/blueprint_id: .*str/);
    expect(seen.doc.replace(/\s+/g, " ")).toBe(blueprint);
    expect(seen.missing).toMatch(/bundle_id/);
    const ipAddressType = schema.types["lightfleet:lightsail:IpAddressType"];
    expect(seen.ipAddressTypes).toEqual("enum" in ipAddressType ? ipAddressType.enum.map((e) => e.value) : []);
  }, COLD);
});

describe("the generated Go SDK", () => {
  it("builds, with a program using it, against github.com/pulumi/pulumi/sdk/v3 from the module proxy", () => {
    const dir = path.join(out, "go");
    // The SDK's own go.mod names the module; the Pulumi SDK is pinned to the CLI's version, whose modules are cached.
    const version = run("pulumi", ["version"]).trim();
    run("go", ["mod", "edit", `-require=github.com/pulumi/pulumi/sdk/v3@${version}`], { cwd: dir });
    const module = /^module (\S+)/m.exec(fs.readFileSync(path.join(dir, "go.mod"), "utf8"))![1];
    fs.mkdirSync(path.join(dir, "check"));
    fs.writeFileSync(
      path.join(dir, "check", "main.go"),
      [
        "package check",
        "",
        "import (",
        `\t"${module}/lightfleet/lightsail"`,
        '\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"',
        ")",
        "",
        "// Deploy is a program's body; a library package, so that the check compiles without linking a binary.",
        "func Deploy(ctx *pulumi.Context) error {",
        '\tweb, err := lightsail.NewInstance(ctx, "web", &lightsail.InstanceArgs{AvailabilityZone: pulumi.String("us-east-1a"), BlueprintId: pulumi.String("ubuntu_24_04"), BundleId: pulumi.String("nano_3_0"), UserData: pulumi.String("echo hi"), IpAddressType: lightsail.IpAddressTypeIpv6})',
        "\tif err != nil {",
        "\t\treturn err",
        "\t}",
        '\tctx.Export("ips", web.PublicIps)',
        "\treturn nil",
        "}",
        "",
      ].join("\n"),
    );
    // -trimpath keeps the absolute folder out of the build cache keys, so a new temporary folder reuses the cache.
    run("go", ["build", "-trimpath", "./..."], { cwd: dir, env: { ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ""} -mod=mod`.trim() } });
  }, COLD);
});
