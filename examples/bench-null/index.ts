import * as pulumi from "@pulumi/pulumi";

/**
 * nullProvider does no I/O: create names the resource after its inputs, diff compares nothing, read returns what
 * state holds. Run on the same stack shape as the fleet benchmark, it measures the engine's own floor.
 */
const nullProvider: pulumi.dynamic.ResourceProvider = {
  create: async (inputs) => ({ id: String(inputs.instanceName), outs: { ...inputs, instanceIds: [`null-${inputs.instanceName}`] } }),
  diff: async () => ({ changes: false }),
  read: async (id, props) => ({ id, props }),
  delete: async () => undefined,
};

/** NullInstance is a dynamic resource of the null provider. */
class NullInstance extends pulumi.dynamic.Resource {
  declare readonly instanceIds: pulumi.Output<string[]>;

  constructor(name: string, props: Record<string, unknown>) {
    super(nullProvider, name, props, {}, "lightfleet", "NullInstance");
  }
}

/**
 * The benchmark's floor program: `resources` dynamic resources with the inputs of the fleet benchmark's Lighthouse
 * resources and a provider that does nothing, read from the same stack config as examples/bench-fleet.
 */
export default async function () {
  const cfg = new pulumi.Config();
  const resources = cfg.requireNumber("resources");
  const perResource = cfg.getNumber("perResource") ?? 1;
  const fleets = Array.from({ length: resources }, (_, i) => {
    const name = `bench-${i + 1}`;
    const props = {
      cloud: "lighthouse",
      region: "ap-guangzhou",
      bundleId: "bundle_gen_03",
      blueprintId: "lhbp-f1lkcd41",
      instanceChargePrepaid: { period: 1, renewFlag: "NOTIFY_AND_MANUAL_RENEW" },
      instanceName: name,
      instanceCount: perResource,
      tags: { env: "bench" },
      instanceIds: undefined,
    };
    return new NullInstance(name, props);
  });
  const instances = pulumi.all(fleets.map((f) => f.instanceIds)).apply((lists) => lists.reduce((n, ids) => n + (ids?.length ?? 0), 0));
  return { instances };
}
