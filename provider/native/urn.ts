import { createHash } from "crypto";

/** UrnParts are what a resource URN (`urn:pulumi:STACK::PROJECT::PARENT$TYPE::NAME`) says. */
export interface UrnParts {
  stack: string;
  project: string;
  /** The types of the resource's ancestors, outermost first, without the stack's own type. */
  parentTypes: string[];
  type: string;
  name: string;
}

/** parseUrn splits a resource URN; a name may itself hold `::`. */
export function parseUrn(urn: string): UrnParts {
  const parts = urn.split("::");
  const head = parts[0].split(":");
  if (parts.length < 4 || head[0] !== "urn" || head[1] !== "pulumi") throw new Error(`not a resource URN: ${urn}`);
  const types = parts[2].split("$");
  return { stack: head.slice(2).join(":"), project: parts[1], parentTypes: types.slice(0, -1), type: types[types.length - 1], name: parts.slice(3).join("::") };
}

/**
 * ownerFromUrn is the ownership tag of the resource the URN names, in the SDK's scheme (sdk/owner.ts):
 * `project/stack/name` at the top of the stack, `project/stack/~digest/name` under a parent, so that two resources
 * sharing a name under parents of different types never share an owner. The URN holds the parent's type chain but
 * not its name, and a URN is unique, so the digest is of that chain: it tells apart exactly the resources the name
 * alone cannot.
 */
export function ownerFromUrn(urn: string): string {
  const { stack, project, parentTypes, name } = parseUrn(urn);
  const base = `${project}/${stack}`;
  if (parentTypes.length === 0) return `${base}/${name}`;
  return `${base}/~${createHash("sha256").update(parentTypes.join("$")).digest("hex").slice(0, 8)}/${name}`;
}
