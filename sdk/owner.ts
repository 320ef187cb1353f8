import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";

/**
 * ownerOf is the ownership tag value of a resource named `name`: `project/stack/name`, by which adoption, recovery and
 * the sweep of untracked instances find a resource's instances. Pulumi lets two resources of a stack share a name
 * under parents of different types, so a resource with a parent adds a digest of its parent's URN
 * (`project/stack/~digest/name`): no two resources of a stack share an owner, and the sweep of one never takes the
 * other's instances for its own.
 */
export function ownerOf(name: string, parent: pulumi.Resource | undefined): pulumi.Input<string> {
  const base = `${pulumi.getProject()}/${pulumi.getStack()}`;
  if (!parent) return `${base}/${name}`;
  return parent.urn.apply((urn) => `${base}/~${createHash("sha256").update(urn).digest("hex").slice(0, 8)}/${name}`);
}
