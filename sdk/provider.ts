import type * as pulumi from "@pulumi/pulumi";

/*
 * The serialized providers. Pulumi stores each provider object in the state as code, twice a resource (inputs and
 * outputs), so they stay as thin as the serializer allows: `configure` alone, which requires the implementation by
 * package name when it is called. The dynamic-provider host calls `configure` once on each provider it deserializes,
 * before any other method, and `attach` gives the provider the methods of its resource kind there (`this` is the
 * deserialized provider). State then holds about 560 bytes a copy (seven closures took 2.3 KB), captures no schema,
 * client or credential, and a provider fix reaches resources created before it (read and delete use the provider
 * stored in state). The kind is a literal in each: a captured variable would cost its name and value in every copy.
 */

/** instanceProvider is the dynamic provider of the Instance resource. */
export const instanceProvider = {
  configure: function (this: object, req: unknown) { return require("lightfleet/provider").attach(this, "instance", req); },
} as unknown as pulumi.dynamic.ResourceProvider;

/** snapshotProvider is the dynamic provider of the InstanceSnapshot resource. */
export const snapshotProvider = {
  configure: function (this: object, req: unknown) { return require("lightfleet/provider").attach(this, "snapshot", req); },
} as unknown as pulumi.dynamic.ResourceProvider;
