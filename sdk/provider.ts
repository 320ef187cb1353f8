import type * as pulumi from "@pulumi/pulumi";

/*
 * The serialized providers. Pulumi stores each provider object in the state as code; these stay thin: every method
 * requires the implementation by package name when it is called. State then holds a few hundred bytes, captures no
 * schema, client or credential, and a provider fix reaches resources created before it (read and delete use the
 * provider stored in state).
 */

/** instanceProvider is the dynamic provider of the Instance resource. */
export const instanceProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => require("lightfleet/provider").configure(req),
  check: (olds, news) => require("lightfleet/provider").instance.check(olds, news),
  diff: (id, olds, news) => require("lightfleet/provider").instance.diff(id, olds, news),
  create: (inputs) => require("lightfleet/provider").instance.create(inputs),
  read: (id, props) => require("lightfleet/provider").instance.read(id, props),
  update: (id, olds, news) => require("lightfleet/provider").instance.update(id, olds, news),
  delete: (id, props) => require("lightfleet/provider").instance.delete(id, props),
};

/** snapshotProvider is the dynamic provider of the InstanceSnapshot resource. */
export const snapshotProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => require("lightfleet/provider").configure(req),
  check: (olds, news) => require("lightfleet/provider").snapshot.check(olds, news),
  diff: (id, olds, news) => require("lightfleet/provider").snapshot.diff(id, olds, news),
  create: (inputs) => require("lightfleet/provider").snapshot.create(inputs),
  read: (id, props) => require("lightfleet/provider").snapshot.read(id, props),
  update: (id, olds, news) => require("lightfleet/provider").snapshot.update(id, olds, news),
  delete: (id, props) => require("lightfleet/provider").snapshot.delete(id, props),
};
