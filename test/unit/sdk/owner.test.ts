import * as pulumi from "@pulumi/pulumi";
import { logicalNameOf } from "../../../provider/core/naming";

/**
 * The owner the SDK gives a resource is the tag its instances are found by; two resources of one stack must never
 * share it, or the sweep of one resource's untracked instances would take the other's for its own.
 */
const owners: unknown[] = [];
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      if (args.inputs.owner !== undefined) owners.push(args.inputs.owner);
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: () => ({}),
  },
  "fleet",
  "dev",
);

// Loaded after the mocks, as a user's program loads it under the engine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Instance } = require("../../../sdk") as typeof import("../../../sdk");

class Web extends pulumi.ComponentResource {
  constructor(type: string, name: string) {
    super(type, name);
    new Instance("web", { cloud: "lighthouse", region: "ap-guangzhou", bundleId: "bundle_gen_01", blueprintId: "lhbp-f1lkcd41", instanceChargePrepaid: { period: 1 } }, { parent: this });
  }
}

const ownerOfOutput = (o: unknown) => new Promise<unknown>((resolve) => (pulumi.output(o as pulumi.Input<string>)).apply(resolve));

describe("the owner of a resource", () => {
  it("is project/stack/name at the top level, and distinct for resources of one name under parents of other types", async () => {
    new Instance("web", { cloud: "lighthouse", region: "ap-guangzhou", bundleId: "bundle_gen_01", blueprintId: "lhbp-f1lkcd41", instanceChargePrepaid: { period: 1 } });
    new Web("acme:app:Blue", "site");
    new Web("acme:app:Green", "site");
    await new Promise((r) => setTimeout(r, 200));
    const values = await Promise.all(owners.map(ownerOfOutput));
    expect(values).toHaveLength(3);
    expect(values).toContain("fleet/dev/web");
    expect(new Set(values).size).toBe(3);
    for (const v of values) expect(logicalNameOf(v)).toBe("web");
  });
});
