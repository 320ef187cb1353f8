import type * as pulumi from "@pulumi/pulumi";

/*
 * The serialized providers. Pulumi stores each provider object in the state as code; these stay thin: every method
 * requires the implementation by package name when it is called. State then holds a few hundred bytes, captures no
 * schema, client or credential (only the resource kind, a string), and a provider fix reaches resources created
 * before it (read and delete use the provider stored in state).
 */

/** ResourceKind names an implementation exported by `lightfleet/provider`. */
export type ResourceKind = "instance" | "snapshot";

/** thinProvider returns the serializable provider of one resource kind. */
export function thinProvider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  return {
    configure: (req) => require("lightfleet/provider").configure(req),
    check: (olds, news) => require("lightfleet/provider")[kind].check(olds, news),
    diff: (id, olds, news) => require("lightfleet/provider")[kind].diff(id, olds, news),
    create: (inputs) => require("lightfleet/provider")[kind].create(inputs),
    read: (id, props) => require("lightfleet/provider")[kind].read(id, props),
    update: (id, olds, news) => require("lightfleet/provider")[kind].update(id, olds, news),
    delete: (id, props) => require("lightfleet/provider")[kind].delete(id, props),
  };
}

/** instanceProvider is the dynamic provider of the Instance resource. */
export const instanceProvider = thinProvider("instance");

/** snapshotProvider is the dynamic provider of the InstanceSnapshot resource. */
export const snapshotProvider = thinProvider("snapshot");
