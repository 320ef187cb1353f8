import type { DriverContext } from "../../core/driver";
import type { InstanceView } from "../../core/types";
import { filterQuery, jdcloudCall, malformed, regionPath } from "./client";
import { jdcloudManifest } from "./manifest";
import { toView } from "./status";

/** The page size describeInstances allows at most, and the number of ids one instanceId filter takes. */
const PAGE = jdcloudManifest.describeBatchSize;

async function describePage(ctx: DriverContext, filters: Array<{ name: string; values: string[] }>, page: number) {
  const call = jdcloudCall(
    ctx,
    {
      operation: "describeInstances",
      method: "GET",
      path: `${regionPath(ctx)}/instances`,
      query: [["pageNumber", String(page)], ["pageSize", String(PAGE)], ...filterQuery(filters)],
    },
    (result) => {
      if (!Array.isArray(result.instances)) throw malformed("describeInstances", "the answer has no instances list");
      const views = result.instances.map((raw) => toView("describeInstances", raw));
      return { views, total: typeof result.totalCount === "number" ? result.totalCount : views.length };
    },
  );
  return (await ctx.send(call)).result;
}

/** describeAll pages through describeInstances with the given filters. */
export async function describeAll(ctx: DriverContext, filters: Array<{ name: string; values: string[] }>): Promise<InstanceView[]> {
  const out: InstanceView[] = [];
  for (let page = 1; ; page++) {
    const { views, total } = await describePage(ctx, filters, page);
    out.push(...views);
    if (views.length < PAGE || out.length >= total) return out;
  }
}

/** describe looks instances up by id; unknown ids are absent from the map. */
export async function describe(ctx: DriverContext, ids: string[]): Promise<Map<string, InstanceView>> {
  const out = new Map<string, InstanceView>();
  for (let i = 0; i < ids.length; i += PAGE) {
    for (const v of await describeAll(ctx, [{ name: "instanceId", values: ids.slice(i, i + PAGE) }])) out.set(v.id, v);
  }
  return out;
}

/** list reads every instance of the region. */
export function list(ctx: DriverContext): Promise<InstanceView[]> {
  return describeAll(ctx, []);
}

/** findByTags finds nothing: coc-vm has no tags, so no instance carries the fleet's. */
export async function findByTags(): Promise<InstanceView[]> {
  return [];
}

/** findByIdsOrNames accepts instance ids (`i-...`) and exact instance names. */
export async function findByIdsOrNames(ctx: DriverContext, list: string[]): Promise<InstanceView[]> {
  const ids = list.filter((x) => /^i-[a-z0-9]+$/.test(x));
  const names = list.filter((x) => !ids.includes(x));
  const found = new Map<string, InstanceView>(await describe(ctx, ids));
  for (const name of names) {
    // The name filter matches substrings; adoption wants the exact name.
    for (const v of await describeAll(ctx, [{ name: "name", values: [name] }])) if (v.name === name) found.set(v.id, v);
  }
  return [...found.values()];
}
