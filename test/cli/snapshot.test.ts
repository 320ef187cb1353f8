import * as fs from "fs";
import { CliWorkspace, exampleProgram } from "../support/cli";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

jest.setTimeout(180_000);

/** examples/yaml/snapshot: an instance and a snapshot of it, through the real CLI and the lightfleet plugin. */
describe("a YAML program with an InstanceSnapshot", () => {
  let lc: LocalcloudHandle;
  const ws = new CliWorkspace("snapshot");

  beforeAll(async () => {
    lc = await startTestLocalcloud();
  });
  afterAll(async () => {
    await lc.close();
    fs.rmSync(ws.root, { recursive: true, force: true });
  });

  it("comes up with the snapshot of the instance available, and destroy removes both", async () => {
    const app = ws.project("app", exampleProgram("snapshot"));
    await app.initStack("dev", "lightsail", lc.url);
    await app.pulumi(["up", "--yes"]);
    const out = (await app.outputs()) as { instanceId: string; snapshotName: string; snapshotState: string };
    expect(out).toMatchObject({ snapshotName: "base-golden", snapshotState: "available" });
    expect(await lc.snapshots()).toEqual([expect.objectContaining({ cloud: "lightsail", name: "base-golden", state: "available" })]);
    expect((await lc.instances("lightsail")).map((i) => i.id)).toEqual([out.instanceId]);
    await app.pulumi(["destroy", "--yes"]);
    expect(await lc.instances()).toEqual([]);
    expect(await lc.snapshots()).toEqual([]);
  });
});
