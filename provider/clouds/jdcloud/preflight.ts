import { catalogError, choices, lookupKey, type CatalogProblem } from "../../core/catalogCheck";
import { coalesced } from "../../core/coalesce";
import type { DriverContext } from "../../core/driver";
import { isNotFound } from "./errors";
import { filterQuery, jdcloudCall } from "./client";
import type { JdcloudInstanceArgs } from "./schema";

/** PAGE is the largest page coc-vm's lists return. */
const PAGE = 100;

type Row = Record<string, unknown>;

const rows = (r: Row, field: string): Row[] => (Array.isArray(r[field]) ? (r[field] as Row[]) : []);

/** lookup makes one GET of the region's catalogue, once per account and query for the life of the provider process. */
function lookup<T>(ctx: DriverContext, operation: string, path: string, query: Array<[string, string]>, read: (r: Row) => T): Promise<T> {
  return coalesced(lookupKey(ctx, operation, [path, query]), async () => {
    const call = jdcloudCall(ctx, { operation, method: "GET", path: `/v1/regions/${encodeURIComponent(ctx.region)}${path}`, query }, read);
    return (await ctx.send(call)).result;
  });
}

/** pages reads every page of a `{<field>[], totalCount}` list. */
async function pages(ctx: DriverContext, operation: string, path: string, field: string, query: Array<[string, string]> = []): Promise<Row[]> {
  const out: Row[] = [];
  for (let page = 1; ; page++) {
    const q: Array<[string, string]> = [...query, ["pageNumber", String(page)], ["pageSize", String(PAGE)]];
    const got = await lookup(ctx, operation, path, q, (r) => ({ items: rows(r, field), total: Number(r.totalCount ?? 0) }));
    out.push(...got.items);
    if (got.items.length === 0 || out.length >= got.total) return out;
  }
}

/** image reads one image by id, or undefined when coc-vm does not know it. */
async function image(ctx: DriverContext, imageId: string): Promise<Row | undefined> {
  try {
    return await lookup(ctx, "describeImage", `/images/${encodeURIComponent(imageId)}`, [], (r) => (r.image ?? {}) as Row);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * preflight checks at preview what coc-vm's createInstances would refuse halfway through an `up` (coc-vm has no dry
 * run): the zone and the instance type in stock there (describeInstanceTypes), the image (describeImage, with
 * describeImages for the choices), the subnet of the VPC (describeSubnets) and the instance quota (describeUsage).
 * Every lookup is shared by the fleets that ask the same question.
 */
export async function preflight(ctx: DriverContext, args: JdcloudInstanceArgs, ownInstances: () => Promise<unknown[]>): Promise<void> {
  const spec = args.instanceSpec;
  const nic = spec.primaryNetworkInterface;
  const [types, img, subnets, usage] = await Promise.all([
    lookup(ctx, "describeInstanceTypes", "/instanceTypes", [], (r) => rows(r, "instanceTypes")),
    image(ctx, spec.imageId),
    pages(ctx, "describeSubnets", "/subnets", "subnets"),
    lookup(ctx, "describeUsage", "/usage", filterQuery([{ name: "resourceTypes", values: ["instance"] }]), (r) => rows(r, "quotas")),
  ]);
  const problems: CatalogProblem[] = [];
  const stock = (t: Row) => (Array.isArray(t.state) ? (t.state as Row[]) : []);
  const azs = [...new Set(types.flatMap((t) => stock(t).map((s) => String(s.az))))];
  if (!azs.includes(spec.az)) {
    problems.push({ property: "instanceSpec.az", message: `"${spec.az}" is not an availability zone of ${ctx.region}; valid choices: ${choices(azs)}` });
  } else {
    const inStock = types.filter((t) => stock(t).some((s) => s.az === spec.az && s.inStock === true)).map((t) => String(t.instanceType));
    if (!inStock.includes(spec.instanceType)) {
      problems.push({
        property: "instanceSpec.instanceType",
        message: `"${spec.instanceType}" is not in stock in ${spec.az}; valid choices: ${choices(inStock)}`,
      });
    }
  }
  if (!img) {
    const all = await pages(ctx, "describeImages", "/images", "images", [["imageSource", "public"], ["status", "ready"]]);
    problems.push({ property: "instanceSpec.imageId", message: `"${spec.imageId}" is not an image of ${ctx.region}; valid choices: ${choices(all.map((i) => String(i.imageId)))}` });
  } else if (img.status !== "ready") {
    problems.push({ property: "instanceSpec.imageId", message: `image ${spec.imageId} is ${String(img.status)}, not ready to launch instances` });
  }
  const ofVpc = subnets.filter((s) => s.vpcId === nic.vpcId).map((s) => String(s.subnetId));
  if (!subnets.some((s) => s.vpcId === nic.vpcId)) {
    const vpcs = [...new Set(subnets.map((s) => String(s.vpcId)))];
    problems.push({ property: "instanceSpec.primaryNetworkInterface.vpcId", message: `"${nic.vpcId}" is not a VPC of ${ctx.region}; valid choices: ${choices(vpcs)}` });
  } else if (!ofVpc.includes(nic.subnetId)) {
    problems.push({
      property: "instanceSpec.primaryNetworkInterface.subnetId",
      message: `"${nic.subnetId}" is not a subnet of VPC ${nic.vpcId}; valid choices: ${choices(ofVpc)}`,
    });
  }
  const quota = usage.find((q) => q.resourceType === "instance");
  const count = args.maxCount ?? 1;
  if (quota) {
    const left = Number(quota.limit) - Number(quota.used);
    // The fleet's own instances already count as used: only then is it worth asking which they are.
    const held = left < count ? (await ownInstances()).length : 0;
    if (left + held < count) {
      problems.push({ property: "maxCount", message: `${count} instances exceed the instance quota of ${ctx.region}: ${left} of ${String(quota.limit)} left` });
    }
  }
  if (problems.length > 0) throw catalogError("jdcloud", "createInstances", problems);
}
