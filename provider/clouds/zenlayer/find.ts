import { chunks } from "../../core/batcher";
import type { DriverContext } from "../../core/driver";
import { CloudError } from "../../core/errors";
import type { InstanceView } from "../../core/types";
import { call, tagList } from "./client";
import { zenlayerManifest } from "./manifest";
import { toView } from "./status";

/** BATCH is the most ids one DescribeInstances call takes. */
const BATCH = zenlayerManifest.describeBatchSize;

/** PAGE is the largest DescribeInstances page. */
const PAGE = 1000;

/** DescribePage is one page of DescribeInstances. */
interface DescribePage {
  totalCount: number;
  views: InstanceView[];
}

function readPage(r: Record<string, unknown>): DescribePage {
  const data = r.dataSet ?? [];
  if (!Array.isArray(data)) {
    throw new CloudError({ cloud: "zenlayer", operation: "DescribeInstances", code: "MalformedResponse", message: "dataSet is not a list" });
  }
  return { totalCount: typeof r.totalCount === "number" ? r.totalCount : data.length, views: data.map((d) => toView(d)) };
}

/** describeWhere pages through DescribeInstances with the given filters. */
export async function describeWhere(ctx: DriverContext, filters: Record<string, unknown>): Promise<InstanceView[]> {
  const out: InstanceView[] = [];
  for (let pageNum = 1; ; pageNum++) {
    const page = await call(ctx, "vm", "DescribeInstances", { ...filters, pageNum, pageSize: PAGE }, readPage);
    out.push(...page.views);
    if (page.views.length < PAGE || out.length >= page.totalCount) return out;
  }
}

export function inRegion(ctx: DriverContext, v: InstanceView): boolean {
  return !v.zone || v.zone.startsWith(ctx.region);
}

/** describe looks instances up by id, a hundred a call; unknown ids are absent from the map. */
export async function describe(ctx: DriverContext, ids: string[]): Promise<Map<string, InstanceView>> {
  const out = new Map<string, InstanceView>();
  for (const batch of chunks(ids, BATCH)) {
    const page = await call(ctx, "vm", "DescribeInstances", { instanceIds: batch, pageNum: 1, pageSize: BATCH }, readPage);
    for (const v of page.views) if (batch.includes(v.id)) out.set(v.id, v);
  }
  return out;
}

/** list reads every instance of the region. */
export async function list(ctx: DriverContext): Promise<InstanceView[]> {
  return (await describeWhere(ctx, {})).filter((v) => inRegion(ctx, v));
}

/** findByTags finds the instances of the region carrying every given tag. */
export async function findByTags(ctx: DriverContext, tags: Record<string, string>): Promise<InstanceView[]> {
  if (Object.keys(tags).length === 0) return [];
  return (await describeWhere(ctx, { tags: tagList(tags) })).filter((v) => inRegion(ctx, v));
}

/** findByIdsOrNames accepts instance ids and exact instance names. */
export async function findByIdsOrNames(ctx: DriverContext, idsOrNames: string[]): Promise<InstanceView[]> {
  const found = new Map<string, InstanceView>(await describe(ctx, idsOrNames));
  for (const name of idsOrNames.filter((n) => !found.has(n))) {
    for (const v of await describeWhere(ctx, { instanceName: name })) if (v.name === name) found.set(v.id, v);
  }
  return [...found.values()].filter((v) => inRegion(ctx, v));
}
