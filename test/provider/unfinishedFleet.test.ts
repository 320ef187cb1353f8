import { zenlayerDriver } from "../../provider/clouds/zenlayer";
import type { CommonArgs } from "../../provider/core/commonSchema";
import { outputsOf } from "../../provider/core/fleet";
import { diff } from "../../provider/instanceProvider";
import { fleetInputs } from "../support/cloudInputs";

// Nothing listens here: the diff has only the recorded state to go by, as at a preview without the cloud.
const ENDPOINT = "http://127.0.0.1:9";

describe("in-process provider: a fleet recorded before it was ready", () => {
  const inputs = fleetInputs("zenlayer", ENDPOINT, 2, "p/s/web");
  const args = zenlayerDriver.schema.parse(inputs) as CommonArgs;
  const view = (id: string, state: string, phase: "pending" | "ready") => ({ id, name: id, state, phase, ipv6Addresses: [], tags: {}, ...(phase === "ready" ? { publicIp: "203.0.113.1" } : {}) });

  it("needs an update, which waits for its instances, when a create or update ran out of time", async () => {
    const olds = outputsOf(zenlayerDriver, args, [view("i-1", "RUNNING", "ready"), view("i-2", "PENDING", "pending")]);
    expect(olds.instances.map((i) => i.state)).toEqual(["running", "pending"]);
    const res = await diff("zenlayer/asia-east-1/i-1,i-2", olds, inputs);
    expect(res.changes).toBe(true);
    expect(res.replaces).toEqual([]);
  });

  it("is no change once every instance was recorded running", async () => {
    const olds = outputsOf(zenlayerDriver, args, [view("i-1", "RUNNING", "ready"), view("i-2", "RUNNING", "ready")]);
    expect((await diff("zenlayer/asia-east-1/i-1,i-2", olds, inputs)).changes).toBe(false);
  });
});
