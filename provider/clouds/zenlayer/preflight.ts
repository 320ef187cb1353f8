import { catalogError, choices, lookupKey, type CatalogProblem } from "../../core/catalogCheck";
import { coalesced } from "../../core/coalesce";
import type { DriverContext } from "../../core/driver";
import { zenlayerCall } from "./client";
import type { ZenlayerInstanceArgs } from "./schema";

/** PAGE is the largest page DescribeImages and DescribeSubnets return. */
const PAGE = 1000;

type Row = Record<string, unknown>;

/** lookup makes one catalogue call, once per account and parameters for the life of the provider process. */
function lookup<T>(ctx: DriverContext, action: string, params: Row, read: (r: Row) => T): Promise<T> {
  return coalesced(lookupKey(ctx, action, params), () => ctx.send(zenlayerCall(ctx, "vm", action, params, read)));
}

function rows(r: Row, field: string): Row[] {
  return Array.isArray(r[field]) ? (r[field] as Row[]) : [];
}

/** pages reads every page of a `{totalCount, dataSet}` list. */
async function pages(ctx: DriverContext, action: string, params: Row): Promise<Row[]> {
  const out: Row[] = [];
  for (let pageNum = 1; ; pageNum++) {
    const page = await lookup(ctx, action, { ...params, pageNum, pageSize: PAGE }, (r) => ({ total: Number(r.totalCount ?? 0), items: rows(r, "dataSet") }));
    out.push(...page.items);
    if (page.items.length === 0 || out.length >= page.total) return out;
  }
}

const ids = (list: Row[], field: string): string[] => list.map((x) => String(x[field]));

/**
 * preflight checks at preview what Zenlayer's CreateInstances would refuse halfway through an `up` and no dry run
 * can tell: the zone (DescribeZones), the instance type on sale there for the charge type
 * (DescribeZoneInstanceConfigInfos), the image installable there (DescribeImages), the subnet of that zone and its
 * free addresses for the fleet (DescribeSubnets). Every lookup is shared by the fleets that ask the same question.
 */
export async function preflight(ctx: DriverContext, args: ZenlayerInstanceArgs, ownInstances: () => Promise<unknown[]>): Promise<void> {
  const zones = await lookup(ctx, "DescribeZones", {}, (r) => ids(rows(r, "zoneSet"), "zoneId"));
  if (!zones.includes(args.zoneId)) {
    const here = zones.filter((z) => z.startsWith(ctx.region));
    throw catalogError("zenlayer", "CreateInstances", [
      { property: "zoneId", message: `"${args.zoneId}" is not a zone of ${ctx.region}; valid choices: ${choices(here)}` },
    ]);
  }
  const [types, images, subnets] = await Promise.all([
    lookup(ctx, "DescribeZoneInstanceConfigInfos", { zoneId: args.zoneId, instanceChargeType: args.instanceChargeType }, (r) =>
      ids(rows(r, "instanceTypeQuotaSet"), "instanceType"),
    ),
    pages(ctx, "DescribeImages", { zoneId: args.zoneId }),
    pages(ctx, "DescribeSubnets", { zoneId: args.zoneId }),
  ]);
  const problems: CatalogProblem[] = [];
  if (!types.includes(args.instanceType)) {
    problems.push({
      property: "instanceType",
      message: `"${args.instanceType}" is not on sale in zone ${args.zoneId} for ${args.instanceChargeType}; valid choices: ${choices([...new Set(types)])}`,
    });
  }
  if (!images.some((i) => i.imageId === args.imageId)) {
    problems.push({ property: "imageId", message: `"${args.imageId}" is not an image of zone ${args.zoneId}; valid choices: ${choices(ids(images, "imageId"))}` });
  }
  const subnet = subnets.find((s) => s.subnetId === args.subnetId);
  const count = args.instanceCount ?? 1;
  if (!subnet) {
    problems.push({ property: "subnetId", message: `"${args.subnetId}" is not a subnet of zone ${args.zoneId}; valid choices: ${choices(ids(subnets, "subnetId"))}` });
  } else {
    const free = Number(subnet.totalIpCount ?? 0) - Number(subnet.usageIpCount ?? 0);
    // Addresses the fleet already holds are its own: only then is it worth asking which instances are the fleet's.
    const held = free < count ? (await ownInstances()).length : 0;
    if (free + held < count) {
      problems.push({ property: "subnetId", message: `subnet ${args.subnetId} has ${free} free private addresses, fewer than instanceCount ${count} needs` });
    }
  }
  if (problems.length > 0) throw catalogError("zenlayer", "CreateInstances", problems);
}
