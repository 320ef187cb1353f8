import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startLocalcloud } from "../../localcloud/server";

/** Seed data: localcloud can start from a saved state, so users' tests can begin with instances that already exist. */
describe("localcloud seed data", () => {
  it("starts from a saved state without changing the seed file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-seed-"));
    const saved = path.join(dir, "saved.json");
    const first = await startLocalcloud({ port: 0, timeScale: 0.01, stateFile: saved });
    const { lightsailDriver } = await import("../../provider/clouds/lightsail");
    const { contextFor } = await import("../../provider/core/context");
    const { setStackConfig } = await import("../../provider/core/stackConfig");
    setStackConfig({ get: (k: string) => (k.endsWith("AccessKey") ? "localcloud" : k.endsWith("SecretKey") ? "localcloud-secret" : undefined) });
    const args = lightsailDriver.schema.parse({
      cloud: "lightsail", region: "us-east-1", endpoint: first.url, instanceNames: ["seeded-1"],
      availabilityZone: "us-east-1a", blueprintId: "ubuntu_22_04", bundleId: "nano_3_0",
    });
    await lightsailDriver.create(contextFor(lightsailDriver as never, args, Date.now() + 30_000), args, { count: 1, names: ["seeded-1"], clientToken: "t", ownerTags: {} });
    await first.close();
    const seedText = fs.readFileSync(saved, "utf8");

    const seeded = await startLocalcloud({ port: 0, timeScale: 0.01, seedFile: saved, stateFile: path.join(dir, "run.json") });
    try {
      const held = (await (await fetch(`${seeded.url}/_localcloud/instances`)).json()) as { instances: Array<{ name: string }> };
      expect(held.instances.map((i) => i.name)).toEqual(["seeded-1"]);
      await fetch(`${seeded.url}/_localcloud/reset`, { method: "POST" });
    } finally {
      await seeded.close();
    }
    expect(fs.readFileSync(saved, "utf8")).toBe(seedText);
  });
});
