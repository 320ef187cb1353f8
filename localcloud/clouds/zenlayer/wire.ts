import type { AdminInstance, EmulatorResponse } from "../../emulator";
import * as catalog from "./catalog";
import type { ZenlayerError } from "./errors";
import type { CreateResult, Occupied, StoredInstance, ZoneOffer } from "./models";

/** Page is the `pageNum` / `pageSize` a list request asked for. */
export interface Page {
  pageNum: number;
  pageSize: number;
}

/** requestIdOf turns a UUID into Zenlayer's request id form, `T` and the upper-case UUID. */
export function requestIdOf(uuid: string): string {
  return `T${uuid.toUpperCase()}`;
}

/** renderSuccess writes HTTP 200 `{requestId, response: {requestId, ...fields}}`. */
export function renderSuccess(requestId: string, fields: Record<string, unknown>): EmulatorResponse {
  return { status: 200, body: JSON.stringify({ requestId, response: { requestId, ...fields } }) };
}

/** renderError is the one error envelope: the status and a flat `{requestId, code, message}`. */
export function renderError(requestId: string, err: ZenlayerError): EmulatorResponse {
  return { status: err.status, body: JSON.stringify({ requestId, code: err.code, message: err.message }) };
}

/** renderPage is one page of a list as `{totalCount, dataSet}`. */
export function renderPage<T>(items: T[], page: Page): { totalCount: number; dataSet: T[] } {
  return { totalCount: items.length, dataSet: items.slice((page.pageNum - 1) * page.pageSize, page.pageNum * page.pageSize) };
}

/** renderCreated is CreateInstances' answer: the order, the instance ids and each instance's data disk ids. */
export function renderCreated(r: CreateResult): Record<string, unknown> {
  return {
    orderNumber: r.orderNumber,
    instanceIdSet: r.created.map((i) => i.instanceId),
    instances: r.created.map((i) => ({ instanceId: i.instanceId, diskIdSet: i.dataDisks.map((d) => d.diskId) })),
  };
}

/** renderInstance is a stored instance as the API's InstanceInfo (without localcloud's own bookkeeping). */
export function renderInstance(i: StoredInstance): Record<string, unknown> {
  const { schedule: _schedule, removed: _removed, cidrBlockId: _cidr, tags, ...info } = i;
  return { ...info, tags: { tags: tags.map((t) => ({ ...t })) } };
}

/** renderInstanceStatus is an instance as DescribeInstancesStatus shows it. */
export function renderInstanceStatus(i: StoredInstance): Record<string, unknown> {
  return { instanceId: i.instanceId, instanceStatus: i.instanceStatus };
}

/** renderAdminInstance is an instance as localcloud's admin API lists it. */
export function renderAdminInstance(i: StoredInstance): AdminInstance {
  return {
    cloud: "zenlayer",
    region: catalog.regionOf(i.zoneId),
    id: i.instanceId,
    name: i.instanceName,
    state: i.instanceStatus,
    publicIp: i.publicIpAddresses[0],
    privateIp: i.privateIpAddresses[0],
    tags: Object.fromEntries(i.tags.map((t) => [t.key, t.value])),
  };
}

/** renderZone is a zone as DescribeZones shows it. */
export function renderZone(z: catalog.ZoneEntry): Record<string, unknown> {
  return {
    zoneId: z.zoneId,
    zoneName: z.zoneName,
    supportSecurityGroup: z.supportSecurityGroup,
    supportNetworkType: z.supportNetworkType,
    supportIpv6: z.supportIpv6,
    supportCpuPassThrough: z.supportCpuPassThrough,
  };
}

/** renderImage is an image as DescribeImages shows it. */
export function renderImage(i: catalog.ImageEntry): Record<string, unknown> {
  const { zones: _zones, ...rest } = i;
  return rest;
}

/** renderZoneOffer is one instanceTypeQuotaSet entry of DescribeZoneInstanceConfigInfos. */
export function renderZoneOffer(o: ZoneOffer): Record<string, unknown> {
  return { zoneId: o.zone.zoneId, ...o.type, internetChargeTypes: o.zone.internetChargeTypes };
}

/** renderVpc is a VPC as DescribeVpcs shows it. */
export function renderVpc(v: catalog.VpcEntry): Record<string, unknown> {
  return {
    vpcId: v.vpcId,
    zoneId: v.zoneId,
    vpcName: v.vpcName,
    vpcStatus: catalog.NETWORK_STATUS,
    cidrBlock: v.cidrBlock,
    subnetIdList: catalog.subnets.filter((s) => s.vpcId === v.vpcId).map((s) => s.subnetId),
    createTime: catalog.CATALOG_CREATED,
    isDefault: v.isDefault,
  };
}

/** renderSubnet is a subnet as DescribeSubnets shows it. */
export function renderSubnet({ entry: s, instanceIds }: Occupied<catalog.SubnetEntry>): Record<string, unknown> {
  const total = 2 ** (32 - Number(s.cidrBlock.split("/")[1]));
  return {
    subnetId: s.subnetId,
    zoneId: s.zoneId,
    subnetName: s.subnetName,
    subnetStatus: catalog.NETWORK_STATUS,
    subnetDescription: "",
    cidrBlock: s.cidrBlock,
    cidrBlockList: [s.cidrBlock],
    // The addresses others hold, plus one for each localcloud instance: what CreateInstances counts as taken.
    usageIpCount: total - s.freeIps + instanceIds.length,
    totalIpCount: total,
    createTime: catalog.CATALOG_CREATED,
    instanceIdList: instanceIds,
    isDefault: s.subnetName === "default",
  };
}

/** renderSecurityGroup is a security group as DescribeSecurityGroups shows it. */
export function renderSecurityGroup({ entry: g, instanceIds }: Occupied<catalog.SecurityGroupEntry>): Record<string, unknown> {
  return {
    securityGroupId: g.securityGroupId,
    securityGroupName: g.securityGroupName,
    securityGroupStatus: catalog.NETWORK_STATUS,
    createTime: catalog.CATALOG_CREATED,
    description: g.description,
    instanceIds,
    ruleInfos: g.rules.map((r) => ({ ...r })),
    isDefault: g.isDefault,
  };
}
