import type { EmulatorContext } from "../../../../localcloud/emulator";
import { FaultBook } from "../../../../localcloud/faults";
import * as catalog from "../../../../localcloud/clouds/zenlayer/catalog";
import { expandInstanceNames, ZenlayerModel, type CreateSpec } from "../../../../localcloud/clouds/zenlayer/models";
import { ZenlayerError } from "../../../../localcloud/clouds/zenlayer/errors";

/** A model on a hand-driven clock at time scale 1, so lifecycle steps can be stepped through exactly. */
function setup() {
  let now = Date.UTC(2025, 0, 1);
  const faults = new FaultBook();
  const ctx: EmulatorContext = {
    now: () => now,
    delay: (ms) => ms,
    credentials: new Map(),
    requestId: () => "req-1",
    faults,
    state: {},
    save: () => undefined,
  };
  const model = new ZenlayerModel(ctx);
  return { model, faults, tick: (ms: number) => (now += ms) };
}

/** spec is a create that passed the request checks, in the first zone with its default subnet. */
function spec(over: Partial<CreateSpec> = {}): CreateSpec {
  const zone = catalog.zones[0];
  return {
    zone,
    image: catalog.images[0],
    type: catalog.instanceTypes[0],
    subnet: catalog.subnets.find((s) => s.zoneId === zone.zoneId && s.subnetName === "default") as catalog.SubnetEntry,
    resourceGroup: catalog.resourceGroups[0],
    instanceChargeType: "POSTPAID",
    internetChargeType: "ByBandwidth",
    internetMaxBandwidthOut: 1,
    names: ["web"],
    systemDisk: { diskSize: 20, diskCategory: catalog.diskCategories[0] },
    dataDisks: [],
    enableIpv4: true,
    enableIpv6: false,
    tags: [],
    ...over,
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (err instanceof ZenlayerError) return err.code;
    throw err;
  }
}

describe("zenlayer instance names", () => {
  it("expands [begin,bits] counters, several counting together", () => {
    expect(expandInstanceNames("web[1,3]", 2)).toEqual(["web001", "web002"]);
    expect(expandInstanceNames("a[,2]b[5,1]", 2)).toEqual(["a00b5", "a01b6"]);
    expect(expandInstanceNames("plain", 2)).toEqual(["plain", "plain"]);
  });

  it("refuses malformed patterns and names past 64 characters", () => {
    expect(codeOf(() => expandInstanceNames("web [1,3]", 1))).toBe("INVALID_PARAMETER_INSTANCE_NAME_MALFORMED");
    expect(codeOf(() => expandInstanceNames("web[1,7]", 1))).toBe("INVALID_PARAMETER_INSTANCE_NAME_MALFORMED");
    expect(codeOf(() => expandInstanceNames("", 1))).toBe("INVALID_PARAMETER_INSTANCE_NAME_MALFORMED");
    expect(codeOf(() => expandInstanceNames(`${"w".repeat(60)}[1,6]`, 1))).toBe("INVALID_PARAMETER_INSTANCE_NAME_EXCEED");
  });
});

describe("zenlayer model lifecycle", () => {
  it("launches PENDING -> DEPLOYING -> RUNNING with a private address, then the public one", () => {
    const { model, tick } = setup();
    const [inst] = model.createInstances(spec()).created;
    const view = () => model.getInstance(inst.instanceId);
    expect(view().instanceStatus).toBe("PENDING");
    tick(5_000);
    expect(view().instanceStatus).toBe("DEPLOYING");
    tick(25_000);
    expect(view()).toMatchObject({ instanceStatus: "RUNNING", publicIpAddresses: [] });
    expect(view().privateIpAddresses).toHaveLength(1);
    tick(4_000);
    expect(view().publicIpAddresses).toHaveLength(1);
  });

  it("gives no public address to a create without IPv4", () => {
    const { model, tick } = setup();
    const [inst] = model.createInstances(spec({ enableIpv4: false })).created;
    tick(120_000);
    expect(model.getInstance(inst.instanceId)).toMatchObject({ instanceStatus: "RUNNING", publicIpAddresses: [] });
  });

  it("loses the second half of a partial batch, which then cannot be found", () => {
    const { model, tick, faults } = setup();
    faults.add({ cloud: "zenlayer", operation: "CreateInstances", kind: "partialBatch", count: 1 });
    const created = model.createInstances(spec({ names: ["a", "b", "c", "d"] })).created.map((i) => i.instanceId);
    tick(120_000);
    expect(model.instances().map((i) => i.instanceId)).toEqual(created.slice(0, 2));
    expect(codeOf(() => model.getInstance(created[3]))).toBe("INVALID_INSTANCE_NOT_FOUND");
  });

  it("refuses a create the subnet has no free addresses for", () => {
    const { model } = setup();
    const tiny = catalog.subnets.find((s) => s.freeIps < 10) as catalog.SubnetEntry;
    const names = Array.from({ length: tiny.freeIps + 1 }, (_, i) => `n${i}`);
    expect(codeOf(() => model.createInstances(spec({ subnet: tiny, names })))).toBe("OPERATION_DENIED_SUBNET_IP_INSUFFICIENT");
    expect(model.instances()).toEqual([]);
  });

  it("recycles, then releases, an instance; only a recycled one can be released", () => {
    const { model, tick } = setup();
    const [inst] = model.createInstances(spec()).created;
    expect(codeOf(() => model.terminateInstance(inst.instanceId))).toBe("OPERATION_DENIED_INSTANCE_CREATING");
    tick(120_000);
    expect(codeOf(() => model.releaseInstances([model.getInstance(inst.instanceId)]))).toBe("OPERATION_DENIED_INSTANCE_NOT_RECYCLED");
    model.terminateInstance(inst.instanceId);
    tick(15_000);
    expect(model.getInstance(inst.instanceId).instanceStatus).toBe("RECYCLE");
    model.releaseInstances([model.getInstance(inst.instanceId)]);
    tick(10_000);
    expect(model.instances()).toEqual([]);
  });
});
