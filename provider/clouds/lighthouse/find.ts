import { chunks } from "../../core/batcher";
import type { DriverContext } from "../../core/driver";
import type { InstanceView } from "../../core/types";
import { lighthouseCall, malformed, tagValue } from "./client";
import { lighthouseManifest } from "./manifest";
import { toInstanceView } from "./status";

/** Ids a DescribeInstances call takes, and its largest page. */
const DESCRIBE_MAX = lighthouseManifest.describeBatchSize;
/** Filters a DescribeInstances call takes. */
const FILTERS_MAX = 10;

function instanceSet(r: Record<string, unknown>): { total: number; items: InstanceView[] } {
  if (!Array.isArray(r.InstanceSet)) throw malformed("DescribeInstances", "the answer has no InstanceSet", r.RequestId as string | undefined);
  const items = r.InstanceSet.map((i) => toInstanceView(i, r.RequestId as string | undefined));
  return { total: typeof r.TotalCount === "number" ? r.TotalCount : items.length, items };
}

/** listInstances pages through DescribeInstances with filters (never with ids: the API refuses both at once). */
async function listInstances(ctx: DriverContext, filters: Array<{ Name: string; Values: string[] }>): Promise<InstanceView[]> {
  const out: InstanceView[] = [];
  for (let offset = 0; ; offset += DESCRIBE_MAX) {
    const page = await lighthouseCall(ctx, "DescribeInstances", { Filters: filters, Offset: offset, Limit: DESCRIBE_MAX }, instanceSet);
    out.push(...page.items);
    if (page.items.length < DESCRIBE_MAX || out.length >= page.total) return out;
  }
}

/** describe looks instances up by id, a hundred a call; unknown ids are absent from the map. */
export async function describe(ctx: DriverContext, ids: string[]): Promise<Map<string, InstanceView>> {
  const out = new Map<string, InstanceView>();
  for (const batch of chunks(ids, DESCRIBE_MAX)) {
    const page = await lighthouseCall(ctx, "DescribeInstances", { InstanceIds: batch, Limit: DESCRIBE_MAX }, instanceSet);
    for (const v of page.items) out.set(v.id, v);
  }
  return out;
}

/** list reads every instance of the region. */
export function list(ctx: DriverContext): Promise<InstanceView[]> {
  return listInstances(ctx, []);
}

/** findByTags finds the instances carrying every given tag (values encoded as create wrote them). */
export async function findByTags(ctx: DriverContext, tags: Record<string, string>): Promise<InstanceView[]> {
  const entries = Object.entries(tags).map(([k, v]) => [k, tagValue(v)] as const);
  const filters = entries.slice(0, FILTERS_MAX).map(([k, v]) => ({ Name: `tag:${k}`, Values: [v] }));
  const found = await listInstances(ctx, filters);
  return found.filter((v) => entries.every(([k, val]) => v.tags[k] === val));
}

/** findByIdsOrNames accepts instance ids (`lhins-...`) and instance names. */
export async function findByIdsOrNames(ctx: DriverContext, idsOrNames: string[]): Promise<InstanceView[]> {
  const ids = idsOrNames.filter((x) => /^lhins-[a-z0-9]{8}$/.test(x));
  const names = idsOrNames.filter((x) => !ids.includes(x));
  const byId = [...(await describe(ctx, ids)).values()];
  const byName: InstanceView[] = [];
  for (const batch of chunks(names, DESCRIBE_MAX)) byName.push(...(await listInstances(ctx, [{ Name: "instance-name", Values: batch }])));
  const seen = new Set<string>();
  return [...byId, ...byName].filter((v) => !seen.has(v.id) && seen.add(v.id));
}
