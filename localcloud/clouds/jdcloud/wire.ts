import type { AdminInstance, EmulatorRequest, EmulatorResponse } from "../../emulator";
import { CATALOG_CREATED, nameOf, systemDiskGB, type JdImage, type JdInstanceType } from "./catalog";
import { invalidArgument, JdError } from "./errors";
import type { JdInstance, SubnetUsage, VpcUsage } from "./models";

/**
 * coc-vm's wire: the routes under `/v1/regions/`, the JSON body, the `{requestId, result}` and `{requestId, error}`
 * envelopes, and the records of models.ts as the API shows them. Nothing here changes state.
 */

/** JdRoute is a request mapped to an operation with its path parameters. */
export interface JdRoute {
  operation: string;
  regionId: string;
  instanceId?: string;
  imageId?: string;
}

const ACTIONS = ["modifyInstanceAttribute", "startInstance", "stopInstance", "rebootInstance"];

/** CATALOG_LISTS are the region's catalogue collections, each a GET of `/v1/regions/{regionId}/<name>`. */
const CATALOG_LISTS: Record<string, string> = {
  instanceTypes: "describeInstanceTypes",
  images: "describeImages",
  usage: "describeUsage",
  vpcs: "describeVpcs",
  subnets: "describeSubnets",
};

/** routeOf maps a coc-vm path and method to an operation; `unknownOperation` for other paths under /v1/regions/. */
export function routeOf(method: string, rawPath: string): JdRoute | undefined {
  if (!rawPath.startsWith("/v1/regions/")) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    path = rawPath;
  }
  const parts = path.split("/").filter((p) => p !== "");
  const regionId = parts[2] ?? "";
  const unknown = { operation: "unknownOperation", regionId };
  if (parts.length === 4 && parts[3] === "instanceStatus") return method === "GET" ? { operation: "describeInstanceStatus", regionId } : unknown;
  if (parts.length === 4 && CATALOG_LISTS[parts[3]]) return method === "GET" ? { operation: CATALOG_LISTS[parts[3]], regionId } : unknown;
  if (parts.length === 5 && parts[3] === "images") return method === "GET" ? { operation: "describeImage", regionId, imageId: parts[4] } : unknown;
  if (parts[3] !== "instances") return unknown;
  if (parts.length === 4) {
    if (method === "GET") return { operation: "describeInstances", regionId };
    if (method === "POST") return { operation: "createInstances", regionId };
    return unknown;
  }
  if (parts.length !== 5) return unknown;
  const [instanceId, action] = parts[4].split(":");
  if (action === undefined) {
    if (method === "GET") return { operation: "describeInstance", regionId, instanceId };
    if (method === "DELETE") return { operation: "deleteInstance", regionId, instanceId };
    return unknown;
  }
  return method === "POST" && ACTIONS.includes(action) ? { operation: action, regionId, instanceId } : unknown;
}

/** parseBody reads a JSON body; an empty body is an empty object. */
export function parseBody(req: EmulatorRequest): unknown {
  if (req.body.trim() === "") return {};
  try {
    return JSON.parse(req.body);
  } catch {
    throw invalidArgument("Request body is not valid JSON");
  }
}

/** jdRequestId turns a UUID into JD's 32-character request id. */
export function jdRequestId(uuid: string): string {
  return uuid.replace(/-/g, "").toLowerCase();
}

/** renderResult is the success envelope. */
export function renderResult(requestId: string, result: unknown): EmulatorResponse {
  return { status: 200, headers: { "x-jdcloud-request-id": requestId }, body: JSON.stringify({ requestId, result }) };
}

/** renderError is the one error envelope: `{"requestId","error":{"code":<HTTP status>,"status","message"}}`. */
export function renderError(requestId: string, err: JdError): EmulatorResponse {
  return {
    status: err.httpStatus,
    headers: { "x-jdcloud-request-id": requestId },
    body: JSON.stringify({ requestId, error: { code: err.httpStatus, status: err.status, message: err.message } }),
  };
}

/** renderInstance is an instance as describeInstances shows it (no bookkeeping). */
export function renderInstance(i: JdInstance): Record<string, unknown> {
  return {
    instanceId: i.instanceId,
    instanceName: i.instanceName,
    description: i.description,
    instanceType: i.instanceType,
    vpcId: i.vpcId,
    subnetId: i.subnetId,
    privateIpAddress: i.privateIpAddress ?? "",
    elasticIpId: i.elasticIpId ?? "",
    elasticIpAddress: i.elasticIpAddress ?? "",
    status: i.status,
    imageId: i.imageId,
    systemDisk: i.systemDisk,
    dataDisks: i.dataDisks,
    primaryNetworkInterface: {
      vpcId: i.vpcId,
      subnetId: i.subnetId,
      securityGroups: i.securityGroups,
      ip: i.privateIpAddress ?? "",
      portId: i.portId,
    },
    az: i.az,
    region: i.region,
    keyName: i.keyName ?? "",
    launchTime: i.launchTime,
    charge: {
      chargeMode: i.charge.chargeMode,
      chargeStatus: "normal",
      chargeUnit: i.charge.chargeUnit,
      chargeDuration: i.charge.chargeDuration,
      autoRenew: i.charge.autoRenew,
      chargeStartTime: i.charge.chargeStartTime,
      chargeExpiredTime: i.charge.chargeExpiredTime,
    },
  };
}

/** renderInstanceStatus is an instance as describeInstanceStatus shows it. */
export function renderInstanceStatus(i: JdInstance): { instanceId: string; status: string } {
  return { instanceId: i.instanceId, status: i.status };
}

/** renderInstanceType is an instance type with its stock in each of the given zones. */
export function renderInstanceType(t: JdInstanceType, azs: string[]): Record<string, unknown> {
  return {
    family: t.instanceType.split(".").slice(0, 2).join("."),
    instanceType: t.instanceType,
    cpu: t.cpu,
    memoryMB: t.memoryMB,
    nicLimit: 1,
    desc: `${t.cpu} vCPU ${t.memoryMB / 1024} GiB`,
    state: azs.map((az) => ({ az, inStock: !t.soldOutIn.includes(az) })),
  };
}

/** renderImage is a public image as describeImages and describeImage show it. */
export function renderImage(i: JdImage): Record<string, unknown> {
  return {
    imageId: i.imageId,
    name: i.name,
    platform: i.platform,
    osVersion: i.name.replace(/ 64位.*$/, ""),
    architecture: "x86_64",
    systemDiskSizeGB: systemDiskGB.default,
    imageSource: "public",
    osType: i.platform === "Linux" ? "linux" : "windows",
    status: i.status,
    createTime: CATALOG_CREATED,
    desc: i.name,
    rootDeviceType: "cloudDisk",
  };
}

/** renderSubnet is a subnet as describeSubnets (and describeVpcs, inside each VPC) show it. */
export function renderSubnet({ subnet: s, availableIpCount }: SubnetUsage): Record<string, unknown> {
  return {
    subnetId: s.subnetId,
    subnetName: nameOf(s.subnetId),
    vpcId: s.vpcId,
    addressPrefix: s.cidr,
    availableIpCount,
    ipMaskLen: Number(s.cidr.split("/")[1]),
    description: "",
    createdTime: CATALOG_CREATED,
  };
}

/** renderVpc is a VPC as describeVpcs shows it. */
export function renderVpc(v: VpcUsage): Record<string, unknown> {
  return { vpcId: v.vpcId, vpcName: nameOf(v.vpcId), description: "", subnets: v.subnets.map(renderSubnet), createdTime: CATALOG_CREATED };
}

/** adminInstance is an instance as localcloud's admin API lists it. */
export function adminInstance(i: JdInstance): AdminInstance {
  return {
    cloud: "jdcloud",
    region: i.region,
    id: i.instanceId,
    name: i.instanceName,
    state: i.status,
    publicIp: i.elasticIpAddress,
    privateIp: i.privateIpAddress,
    tags: {},
  };
}
