import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startLocalcloud } from "../../localcloud/server";
import { drivers } from "../../provider/clouds/registry";
import { contextFor } from "../../provider/core/context";
import { createFleet } from "../../provider/core/fleet";
import { ownerTagsOf } from "../../provider/core/ownership";
import { CLOUDS, type CloudName } from "../../provider/core/types";
import type { CommonArgs } from "../../provider/core/commonSchema";
import { asCloudAdmin } from "../support/lifecycleSuite";
import { fleetInputs } from "../support/cloudInputs";

jest.setTimeout(120_000);

async function held(url: string): Promise<Array<{ cloud: string; id: string; state: string }>> {
  return ((await (await fetch(`${url}/_localcloud/instances`)).json()) as { instances: Array<{ cloud: string; id: string; state: string }> }).instances;
}

function argsFor(cloud: CloudName, url: string): CommonArgs {
  return drivers[cloud].schema.parse(fleetInputs(cloud, url, 2, `restart/test/${cloud}`)) as CommonArgs;
}

/** State written to the state file survives a restart, and lifecycles that were under way go on afterwards. */
describe("localcloud restart", () => {
  const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-restart-")), "state.json");
  beforeAll(() => asCloudAdmin());

  it("keeps every cloud's instances across a restart and lets them finish launching", async () => {
    // Slow enough that the instances are still launching when localcloud stops.
    const first = await startLocalcloud({ port: 0, timeScale: 0.2, stateFile });
    const accepted = new Map<CloudName, string[]>();
    for (const cloud of CLOUDS) {
      const driver = drivers[cloud];
      const args = argsFor(cloud, first.url);
      const ctx = contextFor(driver, args, Date.now() + 60_000);
      const res = await driver.create(ctx, args, { count: 2, names: driver.desiredNames(args), clientToken: `restart-${cloud}`, ownerTags: ownerTagsOf(driver, args) });
      accepted.set(cloud, res.ids);
    }
    const before = await held(first.url);
    expect(before.length).toBe(8);
    await first.close();

    const second = await startLocalcloud({ port: 0, timeScale: 0.2, stateFile });
    try {
      const after = await held(second.url);
      expect(after.map((i) => i.id).sort()).toEqual(before.map((i) => i.id).sort());
      for (const cloud of CLOUDS) {
        const driver = drivers[cloud];
        const args = argsFor(cloud, second.url);
        // The same resource's create, resumed against the restarted localcloud, finds its fleet and waits it up.
        if (cloud === "lighthouse" || cloud === "jdcloud") continue;
        const { outs } = await createFleet(driver, args);
        expect(outs.instanceIds.slice().sort()).toEqual(accepted.get(cloud)!.slice().sort());
      }
      for (const cloud of ["lighthouse", "jdcloud"] as CloudName[]) {
        const driver = drivers[cloud];
        const args = argsFor(cloud, second.url);
        const ctx = contextFor(driver, args, Date.now() + 60_000);
        const views = await ctx.waitFor({
          ids: accepted.get(cloud)!,
          what: "running",
          check: (m) => ([...m.values()].every((v) => v?.phase === "ready") ? "done" : "wait"),
        });
        expect([...views.values()].every((v) => v?.phase === "ready")).toBe(true);
      }
      for (const cloud of CLOUDS) {
        const driver = drivers[cloud];
        const args = argsFor(cloud, second.url);
        await driver.delete(contextFor(driver, args, Date.now() + 60_000), accepted.get(cloud)!);
      }
      expect(await held(second.url)).toHaveLength(0);
    } finally {
      await second.close();
    }
  });
});
