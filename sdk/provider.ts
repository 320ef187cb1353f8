import * as pulumi from "@pulumi/pulumi";

/*
 * The providers as state stores them. A dynamic resource's `__provider` input is the source of a module whose
 * `handler()` returns the provider; the engine stores it twice a resource (inputs and outputs) and rewrites the whole
 * state after every step, so its size weighs on every operation of a large stack. pulumi.dynamic.Resource would
 * serialize a provider object through closure serialization (about 560 bytes a copy for one `configure`, 2.3 KB for
 * seven closures); lightfleet writes the module itself, one line that requires the implementation by package name when
 * the host loads it. It captures no schema, client or credential, names no folder of the machine that wrote it, and a
 * provider fix reaches resources created before it (read and delete use the provider stored in state).
 */
// Each kind must be an export of `lightfleet/provider`, the object the one-line module returns (a type-only check).
const TYPES = { instance: "Instance", snapshot: "InstanceSnapshot" } satisfies Partial<Record<keyof typeof import("../provider"), string>>;

/** ResourceKind is the kind of lightfleet resource, named as `lightfleet/provider` exports its implementation. */
export type ResourceKind = keyof typeof TYPES;

/**
 * DynamicResource registers a resource exactly as pulumi.dynamic.Resource does (the `pulumi-nodejs:dynamic` type, the
 * provider module in `__provider`), with lightfleet's one-line provider module instead of a serialized closure.
 */
export abstract class DynamicResource extends pulumi.CustomResource {
  protected constructor(kind: ResourceKind, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    const provider = `exports.handler=()=>require("lightfleet/provider").${kind}`;
    super(`pulumi-nodejs:dynamic/lightfleet:${TYPES[kind]}`, name, { ...props, __provider: provider }, opts);
  }
}
