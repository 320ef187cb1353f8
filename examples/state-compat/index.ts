import * as pulumi from "@pulumi/pulumi";
import { Instance } from "lightfleet";
import { fleetOutputs, settings } from "../settings";

/**
 * legacyProvider is the provider lightfleet serialized into state before it shrank to one `configure`: seven
 * closures, each requiring the implementation by name. States written with it must stay readable and destroyable.
 */
const legacyProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => require("lightfleet/provider").configure(req),
  check: (olds, news) => require("lightfleet/provider").instance.check(olds, news),
  diff: (id, olds, news) => require("lightfleet/provider").instance.diff(id, olds, news),
  create: (inputs) => require("lightfleet/provider").instance.create(inputs),
  read: (id, props) => require("lightfleet/provider").instance.read(id, props),
  update: (id, olds, news) => require("lightfleet/provider").instance.update(id, olds, news),
  delete: (id, props) => require("lightfleet/provider").instance.delete(id, props),
};

/**
 * attachProvider is the provider lightfleet serialized into state after that and before it wrote its own provider
 * module: one `configure` closure that attaches the methods of its kind.
 */
const attachProvider = {
  configure: function (this: object, req: unknown) { return require("lightfleet/provider").attach(this, "instance", req); },
} as unknown as pulumi.dynamic.ResourceProvider;

const formerProviders: Record<string, pulumi.dynamic.ResourceProvider> = { legacy: legacyProvider, attach: attachProvider };

/** FormerInstance registers an Instance exactly as the SDK did with a former serialized provider. */
class FormerInstance extends pulumi.dynamic.Resource {
  declare readonly instanceIds: pulumi.Output<string[]>;
  declare readonly publicIps: pulumi.Output<string[]>;
  declare readonly privateIps: pulumi.Output<string[]>;
  declare readonly instances: pulumi.Output<unknown[]>;

  constructor(provider: pulumi.dynamic.ResourceProvider, name: string, args: Record<string, unknown>) {
    const props = {
      ...args,
      owner: `${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
      instanceIds: undefined,
      publicIps: undefined,
      privateIps: undefined,
      ipv6Addresses: undefined,
      instances: undefined,
    };
    super(provider, name, props, { additionalSecretOutputs: ["secretInputs"] }, "lightfleet", "Instance");
  }
}

/**
 * The same Lighthouse fleet, registered with the provider stack config `provider` names: `legacy` or `attach` (the
 * former serialized providers) or the current SDK's.
 */
export default async function () {
  const s = settings();
  const args = {
    cloud: "lighthouse" as const,
    region: "ap-guangzhou",
    endpoint: s.endpoint,
    bundleId: "bundle_gen_01",
    blueprintId: "lhbp-f1lkcd41",
    instanceChargePrepaid: { period: 1, renewFlag: "NOTIFY_AND_MANUAL_RENEW" as const },
    instanceName: "compat",
    instanceCount: s.count,
    tags: { env: s.env },
  };
  const former = formerProviders[new pulumi.Config().get("provider") ?? ""];
  return fleetOutputs(former ? new FormerInstance(former, "compat", args) : new Instance("compat", args));
}
