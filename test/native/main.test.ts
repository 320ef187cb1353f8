import { spawn, type ChildProcess } from "child_process";
import * as net from "net";
import * as path from "path";
import * as fs from "fs";
import * as os from "os";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { RESOURCE_TYPES, tokenOf } from "../../provider/native/tokens";
import { connect } from "../support/nativePlugin";

/**
 * The plugin as the engine runs it: the launcher in bin/ (npm test builds dist/ first), the engine's address as its
 * argument after the engine's flags, the port on the first line of stdout.
 */
const ROOT = path.resolve(__dirname, "..", "..");

describe("pulumi-resource-lightfleet", () => {
  let engine: net.Server;
  let plugin: ChildProcess;
  let port: number;
  let dir: string;

  beforeAll(async () => {
    // The engine's gRPC port: the plugin only looks that it still accepts connections.
    engine = net.createServer((s) => s.destroy());
    await new Promise<void>((resolve) => engine.listen(0, "127.0.0.1", resolve));
    const enginePort = (engine.address() as net.AddressInfo).port;
    // Started through a symlink, as npm links it into node_modules/.bin.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-bin-"));
    const link = path.join(dir, "pulumi-resource-lightfleet");
    fs.symlinkSync(path.join(ROOT, "bin", "pulumi-resource-lightfleet"), link);
    plugin = spawn(link, ["--logtostderr", "-v=9", `127.0.0.1:${enginePort}`], { stdio: ["ignore", "pipe", "pipe"] });
    const stdout = await new Promise<string>((resolve, reject) => {
      let out = "";
      plugin.stdout!.on("data", (d) => {
        out += d;
        if (out.includes("\n")) resolve(out);
      });
      plugin.on("exit", (code) => reject(new Error(`plugin exited with ${code}`)));
    });
    expect(stdout).toMatch(/^\d+\n$/);
    port = Number(stdout.trim());
  });
  afterAll(async () => {
    plugin.kill();
    await new Promise((resolve) => engine.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers its version and a schema serving exactly the resource types of tokens.ts", async () => {
    const p = connect(port);
    try {
      const info = await p.call<Empty, plugproto.PluginInfo>("getPluginInfo", new Empty());
      expect(info.getVersion()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
      const res = await p.call<provproto.GetSchemaRequest, provproto.GetSchemaResponse>("getSchema", new provproto.GetSchemaRequest());
      const schema = JSON.parse(res.getSchema()) as { name: string; resources: Record<string, unknown> };
      expect(schema.name).toBe("lightfleet");
      expect(Object.keys(schema.resources).sort()).toEqual(RESOURCE_TYPES.map(tokenOf).sort());
    } finally {
      await p.close();
    }
  });

  it("ends once its engine is gone, so a killed engine leaves no plugin behind", async () => {
    const exited = new Promise<number | null>((resolve) => plugin.on("exit", resolve));
    engine.close();
    const started = Date.now();
    await exited;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
