import type { EmulatorRequest } from "../../emulator";
import * as catalog from "./catalog";
import { invalid, missing, ZenlayerError } from "./errors";
import { expandInstanceNames, type CreateSpec, type InstanceFilter, type Tag, type ZenlayerModel } from "./models";
import {
  renderCreated,
  renderImage,
  renderInstance,
  renderInstanceStatus,
  renderPage,
  renderSecurityGroup,
  renderSubnet,
  renderVpc,
  renderZone,
  renderZoneOffer,
  type Page,
} from "./wire";

/** Params reads typed request parameters from a parsed JSON body, answering type errors as the API does. */
export class Params {
  constructor(private readonly body: Record<string, unknown>) {}

  private value(name: string, required: boolean): unknown {
    const v = this.body[name];
    if (v === undefined || v === null) {
      if (required) throw missing(name);
      return undefined;
    }
    return v;
  }

  str(name: string, required: true): string;
  str(name: string, required?: false): string | undefined;
  str(name: string, required = false): string | undefined {
    const v = this.value(name, required);
    if (v === undefined) return undefined;
    if (typeof v !== "string") throw invalid(name, "must be a string");
    if (required && v === "") throw missing(name);
    return v;
  }

  int(name: string, opts: { min?: number; max?: number } = {}): number | undefined {
    const v = this.value(name, false);
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v)) throw invalid(name, "must be an integer");
    if (opts.min !== undefined && v < opts.min) throw invalid(name, `must be at least ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) throw invalid(name, `must be at most ${opts.max}`);
    return v;
  }

  num(name: string): number | undefined {
    const v = this.value(name, false);
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) throw invalid(name, "must be a number");
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.value(name, false);
    if (v === undefined) return undefined;
    if (typeof v !== "boolean") throw invalid(name, "must be a boolean");
    return v;
  }

  strings(name: string, max?: number): string[] | undefined {
    const v = this.value(name, false);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw invalid(name, "must be an array of strings");
    if (max !== undefined && v.length > max) throw invalid(name, `must hold at most ${max} items`);
    return v as string[];
  }

  objects(name: string): Array<Record<string, unknown>> | undefined {
    const v = this.value(name, false);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "object" || x === null || Array.isArray(x))) {
      throw invalid(name, "must be an array of objects");
    }
    return v as Array<Record<string, unknown>>;
  }

  object(name: string): Params | undefined {
    const v = this.value(name, false);
    if (v === undefined) return undefined;
    if (typeof v !== "object" || Array.isArray(v)) throw invalid(name, "must be an object");
    return new Params(v as Record<string, unknown>);
  }

  enumOf<T extends string>(name: string, values: readonly T[], required: true): T;
  enumOf<T extends string>(name: string, values: readonly T[], required?: false): T | undefined;
  enumOf<T extends string>(name: string, values: readonly T[], required = false): T | undefined {
    const v = required ? this.str(name, true) : this.str(name);
    if (v === undefined) return undefined;
    if (!values.includes(v as T)) throw invalid(name, `must be one of ${values.join(", ")}`);
    return v as T;
  }
}

/** readTags reads a `[{key, value}]` list, refusing duplicate keys (the seed: a tag key cannot be duplicated). */
function readTags(name: string, list: Array<Record<string, unknown>> | undefined): Tag[] {
  const out: Tag[] = [];
  if ((list ?? []).length > catalog.TAG_LIMITS.maxTags) throw invalid(name, `must hold at most ${catalog.TAG_LIMITS.maxTags} tags`);
  for (const t of list ?? []) {
    if (typeof t.key !== "string" || t.key === "" || t.key.length > catalog.TAG_LIMITS.maxKey) {
      throw invalid(`${name}.key`, `must be 1-${catalog.TAG_LIMITS.maxKey} characters`);
    }
    if (t.value !== undefined && t.value !== null && (typeof t.value !== "string" || t.value.length > catalog.TAG_LIMITS.maxValue)) {
      throw invalid(`${name}.value`, `must be a string of at most ${catalog.TAG_LIMITS.maxValue} characters`);
    }
    if (out.some((o) => o.key === t.key)) throw invalid(name, `must not repeat the tag key \`${t.key}\``);
    out.push({ key: t.key, value: typeof t.value === "string" ? t.value : "" });
  }
  return out;
}

const CHARGE_TYPES = ["PREPAID", "POSTPAID"] as const;
const INTERNET_CHARGE_TYPES = ["ByBandwidth", "ByTrafficPackage", "ByInstanceBandwidth95", "ByClusterBandwidth95"] as const;
const NETWORK_MODES = ["Vf", "Virtio"] as const;
const PASSWORD_CHARS = /^[A-Za-z0-9!@#$%^&*`~()\-+=]*$/;
const INIT_SCRIPT_MAX_BYTES = 32 * 1024;
const IPV4 = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/;

function checkPassword(password: string): void {
  if (password.length < 8 || password.length > 16) {
    throw new ZenlayerError(400, "INVALID_PARAMETER_VALUE_PASSWORD_MALFORMED", "The password must be 8-16 characters.");
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[!@#$%^&*`~()\-+=]/];
  if (!PASSWORD_CHARS.test(password) || !classes.every((c) => c.test(password))) {
    throw new ZenlayerError(
      400,
      "INVALID_PASSWORD_MALFORMED",
      "The password must include lowercase letters, uppercase letters, digits and special characters !@#$%^&*`~()-+= and nothing else.",
    );
  }
}

function readDisks(p: Params, zone: catalog.ZoneEntry, image: catalog.ImageEntry): Pick<CreateSpec, "systemDisk" | "dataDisks"> {
  const sys = p.object("systemDisk");
  const sysSize = sys?.int("diskSize") ?? Math.max(image.imageSize, 20);
  const sysCategory = sys?.str("diskCategory") ?? catalog.diskCategories[0];
  if (sysSize % catalog.diskLimits.systemStep !== 0 || sysSize < image.imageSize) {
    throw new ZenlayerError(
      400,
      "INVALID_SYSTEM_DISK_SIZE",
      `The system disk size ${sysSize} GB must be a multiple of 10 GB and at least the image's ${image.imageSize} GB.`,
    );
  }
  if (sysSize > catalog.diskLimits.systemMax) {
    throw new ZenlayerError(400, "INVALID_SYSTEM_DISK_EXCEED_LIMIT", `The system disk size ${sysSize} GB exceeds ${catalog.diskLimits.systemMax} GB.`);
  }
  if (!catalog.diskCategories.includes(sysCategory)) throw invalid("systemDisk.diskCategory", `must be one of ${catalog.diskCategories.join(", ")}`);
  const list = p.objects("dataDisks") ?? [];
  if (list.length > catalog.diskLimits.maxDataDisks) throw invalid("dataDisks", `must hold at most ${catalog.diskLimits.maxDataDisks} disks`);
  if (list.length > 0 && !zone.sellsDisks) {
    throw new ZenlayerError(400, "INVALID_DISK_ZONE_NO_SELL", `Data disks are sold out or not for sale in zone ${zone.zoneId}.`);
  }
  const dataDisks = list.map((raw) => {
    const d = new Params(raw);
    const size = d.int("diskSize");
    if (size === undefined) throw missing("dataDisks.diskSize");
    if (size < catalog.diskLimits.dataMin) {
      throw new ZenlayerError(400, "INVALID_DISK_SIZE_LESS_MINIMUM", `The data disk size ${size} GB is below ${catalog.diskLimits.dataMin} GB.`);
    }
    if (size > catalog.diskLimits.dataMax) {
      throw new ZenlayerError(400, "INVALID_DISK_SIZE_EXCEED_MAXIMUM", `The data disk size ${size} GB exceeds ${catalog.diskLimits.dataMax} GB.`);
    }
    const category = d.str("diskCategory") ?? catalog.diskCategories[0];
    if (!catalog.diskCategories.includes(category)) throw invalid("dataDisks.diskCategory", `must be one of ${catalog.diskCategories.join(", ")}`);
    return { diskSize: size, diskName: d.str("diskName"), diskCategory: category };
  });
  return { systemDisk: { diskSize: sysSize, diskCategory: sysCategory }, dataDisks };
}


function readBandwidth(p: Params, type: catalog.InstanceTypeEntry, internetChargeType: string): Pick<CreateSpec, "internetMaxBandwidthOut" | "trafficPackageSize"> {
  const bandwidth = p.int("internetMaxBandwidthOut", { min: 1 }) ?? 1;
  if (bandwidth > type.internetMaxBandwidthOutLimit) {
    throw new ZenlayerError(
      400,
      "INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM",
      `The bandwidth ${bandwidth} Mbps exceeds the ${type.internetMaxBandwidthOutLimit} Mbps limit of ${type.instanceType}.`,
    );
  }
  const traffic = p.num("trafficPackageSize");
  if (traffic !== undefined) {
    if (internetChargeType !== "ByTrafficPackage") {
      throw new ZenlayerError(
        403,
        "OPERATION_DENIED_INTERNET_CHARGE_TYPE_NOT_SUPPORT",
        "trafficPackageSize applies only when internetChargeType is ByTrafficPackage.",
      );
    }
    if (traffic < 0) throw new ZenlayerError(400, "INVALID_PARAMETER_TRAFFIC_PACKAGE", "The traffic package size must be at least 0.0 TB.");
    if (traffic > catalog.MAX_TRAFFIC_PACKAGE_TB) {
      throw new ZenlayerError(
        400,
        "INVALID_PARAMETER_TRAFFIC_PACKAGE_EXCEED",
        `The traffic package size ${traffic} TB exceeds ${catalog.MAX_TRAFFIC_PACKAGE_TB} TB.`,
      );
    }
  }
  return { internetMaxBandwidthOut: bandwidth, trafficPackageSize: traffic };
}

/** readZoneNetworkOptions reads the options a zone may not support: IPv6, CPU pass-through, the network mode and a security group. */
function readZoneNetworkOptions(p: Params, zone: catalog.ZoneEntry): Pick<CreateSpec, "enableIpv6" | "securityGroupId"> {
  const enableIpv6 = p.bool("enableIpv6") ?? false;
  if (enableIpv6 && !zone.supportIpv6) {
    throw new ZenlayerError(403, "OPERATION_DENIED_IPV6_NOT_SUPPORT", `Public IPv6 is not supported in zone ${zone.zoneId}.`);
  }
  if (p.bool("cpuPassThrough") && !zone.supportCpuPassThrough) throw invalid("cpuPassThrough", `is not supported in zone ${zone.zoneId}`);
  const mode = p.enumOf("networkMode", NETWORK_MODES);
  if (mode && !zone.supportNetworkType.includes(mode)) throw invalid("networkMode", `${mode} is not supported in zone ${zone.zoneId}`);
  const securityGroupId = p.str("securityGroupId");
  if (securityGroupId !== undefined) {
    if (!zone.supportSecurityGroup) {
      throw new ZenlayerError(403, "INVALID_REGION_SECURITY_GROUP_NOT_SUPPORT", `Security groups are not supported in zone ${zone.zoneId}.`);
    }
    if (!catalog.securityGroups.some((g) => g.securityGroupId === securityGroupId)) {
      throw new ZenlayerError(404, "INVALID_SECURITY_GROUP_NOT_FOUND", `The security group \`${securityGroupId}\` is not found.`);
    }
  }
  return { enableIpv6, securityGroupId };
}

/** readCidrBlock reads the public CIDR block (and start address) the IPv4 addresses come from, when one is named. */
function readCidrBlock(p: Params, zone: catalog.ZoneEntry): catalog.CidrBlockEntry | undefined {
  const cidrBlockId = p.str("cidrBlockId");
  const start = p.str("startCidrIpv4");
  if (start !== undefined && cidrBlockId === undefined) throw missing("cidrBlockId");
  if (start !== undefined && !IPV4.test(start)) throw invalid("startCidrIpv4", "must be an IPv4 address");
  if (cidrBlockId === undefined) return undefined;
  const cidrBlock = catalog.cidrBlocks.find((c) => c.cidrBlockId === cidrBlockId && c.zoneId === zone.zoneId);
  if (!cidrBlock) throw new ZenlayerError(404, "OPERATION_DENIED_IPV4_CIDR_NOT_FOUND", `The CIDR block \`${cidrBlockId}\` is not found.`);
  return cidrBlock;
}

function readNetwork(p: Params, zone: catalog.ZoneEntry, type: catalog.InstanceTypeEntry, internetChargeType: string) {
  const bandwidth = readBandwidth(p, type, internetChargeType);
  const options = readZoneNetworkOptions(p, zone);
  const cidrBlock = readCidrBlock(p, zone);
  const nic = p.object("nic");
  return {
    ...bandwidth,
    enableIpv4: p.bool("enableIpv4") ?? true,
    ...options,
    cidrBlock,
    nic: nic ? { wanName: nic.str("wanName"), lanName: nic.str("lanName") } : undefined,
  };
}

/** CreateBasics is what CreateInstances says before anything is looked up in the catalogue. */
interface CreateBasics {
  zoneId: string;
  imageId: string;
  instanceType: string;
  instanceChargeType: (typeof CHARGE_TYPES)[number];
  internetChargeType: (typeof INTERNET_CHARGE_TYPES)[number];
  subnetId: string;
  names: string[];
  keyId?: string;
  period?: number;
  tags: Tag[];
}

/** readCreateBasics reads CreateInstances' required parameters, the login, the names and the options that need no catalogue. */
function readCreateBasics(p: Params): CreateBasics {
  const zoneId = p.str("zoneId", true);
  const imageId = p.str("imageId", true);
  const instanceType = p.str("instanceType", true);
  const instanceChargeType = p.enumOf("instanceChargeType", CHARGE_TYPES, true);
  const internetChargeType = p.enumOf("internetChargeType", INTERNET_CHARGE_TYPES, true);
  const subnetId = p.str("subnetId", true);
  const count = p.int("instanceCount", { min: 1, max: 100 }) ?? 1;
  const password = p.str("password");
  const keyId = p.str("keyId");
  if ((password === undefined) === (keyId === undefined)) {
    throw invalid("password", "or `keyId` must be given, and only one of them");
  }
  if (password !== undefined) checkPassword(password);
  const names = expandInstanceNames(p.str("instanceName") ?? "instance", count);
  const initScript = p.str("initScript");
  if (initScript !== undefined && Buffer.byteLength(initScript, "utf8") > INIT_SCRIPT_MAX_BYTES) {
    throw invalid("initScript", "must not exceed 32 KB");
  }
  let period: number | undefined;
  const prepaid = p.object("instanceChargePrepaid");
  if (instanceChargeType === "PREPAID") {
    period = prepaid?.int("period", { min: 1 });
    if (period === undefined) throw missing("instanceChargePrepaid.period");
  }
  // Accepted and type-checked as the API does, though localcloud keeps none of them.
  p.object("instanceChargePostpaid")?.int("period", { min: 1 });
  p.bool("diskPreAllocated");
  p.str("clusterId");
  const marketing = p.object("marketingOptions");
  marketing?.str("discountCode");
  marketing?.bool("usePocVoucher");
  const tags = readTags("tags.tags", p.object("tags")?.objects("tags"));
  return { zoneId, imageId, instanceType, instanceChargeType, internetChargeType, subnetId, names, keyId, period, tags };
}

/** findZone is the zone of a create, which must sell now in both of its pricing models. */
function findZone(b: CreateBasics): catalog.ZoneEntry {
  const zone = catalog.zones.find((z) => z.zoneId === b.zoneId);
  if (!zone) throw new ZenlayerError(404, "INVALID_ZONE_NOT_FOUND", `The specified zoneId \`${b.zoneId}\` is not found.`);
  if (zone.soldOut) throw new ZenlayerError(400, "RESOURCE_INSUFFICIENT_PRODUCT_SOLD_OUT", `Zone ${b.zoneId} has nothing for sale right now.`);
  if (!zone.chargeTypes.includes(b.instanceChargeType)) {
    throw new ZenlayerError(403, "OPERATION_DENIED_CHARGE_TYPE_NOT_SUPPORT", `The pricing model ${b.instanceChargeType} is not supported in zone ${b.zoneId}.`);
  }
  if (!zone.internetChargeTypes.includes(b.internetChargeType)) {
    throw new ZenlayerError(
      403,
      "OPERATION_FILED_INTERNET_CHARGE_TYPE_NOT_SUPPORT",
      `The network billing method ${b.internetChargeType} is not supported in zone ${b.zoneId}.`,
    );
  }
  return zone;
}

/** findInstanceType is the instance type of a create, which the zone must sell and have in stock. */
function findInstanceType(zone: catalog.ZoneEntry, instanceType: string): catalog.InstanceTypeEntry {
  const type = catalog.instanceTypes.find((t) => t.instanceType === instanceType);
  if (!type) throw new ZenlayerError(404, "INVALID_INSTANCE_TYPE_NOT_FOUND", `The instance type \`${instanceType}\` is not found.`);
  if (!zone.instanceTypes.includes(instanceType)) {
    throw new ZenlayerError(400, "INVALID_INSTANCE_TYPE_ZONE_NO_SELL", `The instance type ${instanceType} is not available in zone ${zone.zoneId}.`);
  }
  if (zone.soldOutTypes.includes(instanceType)) {
    throw new ZenlayerError(400, "RESOURCES_SOLDOUT_INSTANCE_TYPE", `The instance type ${instanceType} is sold out in zone ${zone.zoneId}.`);
  }
  return type;
}

/** findImage is the image of a create in its zone; a key pair must exist and cannot log in to a Windows image. */
function findImage(b: CreateBasics): catalog.ImageEntry {
  const image = catalog.images.find((i) => i.imageId === b.imageId && (i.zones.length === 0 || i.zones.includes(b.zoneId)));
  if (!image) throw new ZenlayerError(404, "INVALID_IMAGE_NOT_FOUND", `The image \`${b.imageId}\` is not found in zone ${b.zoneId}.`);
  if (b.keyId !== undefined) {
    if (!catalog.keyPairs.includes(b.keyId)) throw new ZenlayerError(404, "INVALID_KEY_PAIR_NOT_FOUND", `The key pair \`${b.keyId}\` is not found.`);
    if (image.osType === "windows") throw invalid("keyId", "is not supported for Windows images");
  }
  return image;
}

/** findSubnet is the subnet of a create, which must be in its zone. */
function findSubnet(b: CreateBasics): catalog.SubnetEntry {
  const subnet = catalog.subnets.find((s) => s.subnetId === b.subnetId);
  if (!subnet) throw new ZenlayerError(404, "INVALID_SUBNET_NOT_FOUND", `The subnet \`${b.subnetId}\` is not found.`);
  if (subnet.zoneId !== b.zoneId) {
    throw new ZenlayerError(403, "OPERATION_DENIED_SUBNET_ZONE_MISMATCH", `The subnet ${b.subnetId} is in ${subnet.zoneId}, not in zone ${b.zoneId}.`);
  }
  return subnet;
}

function readResourceGroup(p: Params): CreateSpec["resourceGroup"] {
  const rgId = p.str("resourceGroupId");
  const resourceGroup = rgId === undefined ? catalog.resourceGroups[0] : catalog.resourceGroups.find((g) => g.resourceGroupId === rgId);
  if (!resourceGroup) throw new ZenlayerError(404, "INVALID_RESOURCE_GROUP_NOT_FOUND", `The resource group \`${rgId}\` is not found.`);
  return resourceGroup;
}

/**
 * readCreateInstances applies every CreateInstances rule of the seed that depends only on the request and the
 * catalogue (required parameters, types, ranges, the name pattern, password XOR keyId, zone offerings). Rules on
 * account state (quota, free subnet and CIDR addresses) are the model's.
 */
function readCreateInstances(p: Params): CreateSpec {
  const b = readCreateBasics(p);
  const zone = findZone(b);
  const type = findInstanceType(zone, b.instanceType);
  const image = findImage(b);
  const subnet = findSubnet(b);
  const resourceGroup = readResourceGroup(p);
  return {
    zone,
    image,
    type,
    subnet,
    resourceGroup,
    instanceChargeType: b.instanceChargeType,
    period: b.period,
    internetChargeType: b.internetChargeType,
    names: b.names,
    keyId: b.keyId,
    ...readDisks(p, zone, image),
    ...readNetwork(p, zone, type, b.internetChargeType),
    tags: b.tags,
  };
}

/** parseBody reads the JSON body; an empty body is an empty parameter set. */
function parseBody(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ZenlayerError(400, "INVALID_PARAMETER_VALUE", "The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ZenlayerError(400, "INVALID_PARAMETER_VALUE", "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** readParams parses a request's JSON body into the parameters an action reads. */
export function readParams(req: EmulatorRequest): Params {
  return new Params(parseBody(req.body));
}

function readPage(p: Params): Page {
  return { pageNum: p.int("pageNum", { min: 1 }) ?? 1, pageSize: p.int("pageSize", { min: 1, max: 1000 }) ?? 20 };
}

/** instanceIds reads the `instanceIds` an instance action needs: 1-100 of them. */
function instanceIds(p: Params): string[] {
  const ids = p.strings("instanceIds", 100);
  if (!ids || ids.length === 0) throw missing("instanceIds");
  return ids;
}

function readInstanceFilter(p: Params): InstanceFilter {
  return {
    ids: p.strings("instanceIds", 100),
    fields: {
      zoneId: p.str("zoneId"),
      instanceType: p.str("instanceType"),
      imageId: p.str("imageId"),
      keyId: p.str("keyId"),
      subnetId: p.str("subnetId"),
      instanceStatus: p.str("instanceStatus"),
      resourceGroupId: p.str("resourceGroupId"),
      internetChargeType: p.str("internetChargeType"),
    },
    name: p.str("instanceName"),
    securityGroupId: p.str("securityGroupId"),
    publicIps: p.strings("publicIpAddresses"),
    privateIps: p.strings("privateIpAddresses"),
    tagKeys: p.strings("tagKeys"),
    tags: readTags("tags", p.objects("tags")),
  };
}

/** Action is one API action: it reads its parameters, runs on the model and renders the response fields. */
export type Action = (m: ZenlayerModel, p: Params) => Record<string, unknown>;

/** vmActions are the VM service actions localcloud serves at /api/v2/vm. */
export const vmActions: Record<string, Action> = {
  CreateInstances: (m, p) => renderCreated(m.createInstances(readCreateInstances(p))),
  DescribeInstances: (m, p) => renderPage(m.describeInstances(readInstanceFilter(p)).map(renderInstance), readPage(p)),
  DescribeInstancesStatus: (m, p) => renderPage(m.describeInstancesStatus(p.strings("instanceIds", 100)).map(renderInstanceStatus), readPage(p)),
  ModifyInstancesAttribute: (m, p) => {
    const list = m.getInstances(instanceIds(p));
    m.modifyInstancesAttribute(list, p.str("instanceName", true));
    return {};
  },
  StartInstances: (m, p) => {
    m.startInstances(m.getInstances(instanceIds(p)));
    return {};
  },
  StopInstances: (m, p) => {
    const list = m.getInstances(instanceIds(p));
    p.bool("forceShutdown");
    m.stopInstances(list);
    return {};
  },
  RebootInstances: (m, p) => {
    m.rebootInstances(m.getInstances(instanceIds(p)));
    return {};
  },
  TerminateInstance: (m, p) => {
    m.terminateInstance(p.str("instanceId", true));
    return {};
  },
  ReleaseInstances: (m, p) => {
    m.releaseInstances(m.getInstances(instanceIds(p)));
    return {};
  },
  DescribeZones: (m, p) => ({ zoneSet: m.describeZones(p.strings("zoneIds")).map(renderZone) }),
  DescribeImages: (m, p) => {
    const filter = {
      zoneId: p.str("zoneId"),
      ids: p.strings("imageIds"),
      name: p.str("imageName"),
      category: p.str("category"),
      imageType: p.str("imageType"),
      osType: p.str("osType"),
      status: p.str("imageStatus"),
    };
    return renderPage(m.describeImages(filter).map(renderImage), readPage(p));
  },
  DescribeZoneInstanceConfigInfos: (m, p) => {
    const filter = { chargeType: p.str("instanceChargeType"), zoneId: p.str("zoneId"), type: p.str("instanceType") };
    return { instanceTypeQuotaSet: m.describeZoneInstanceConfigInfos(filter).map(renderZoneOffer) };
  },
  DescribeVpcs: (m, p) => {
    const filter = { ids: p.strings("vpcIds", 100), cidrBlock: p.str("cidrBlock"), zoneId: p.str("zoneId"), status: p.str("vpcStatus"), name: p.str("vpcName") };
    return renderPage(m.describeVpcs(filter).map(renderVpc), readPage(p));
  },
  DescribeSubnets: (m, p) => {
    const filter = { ids: p.strings("subnetIds", 100), cidrBlock: p.str("cidrBlock"), zoneId: p.str("zoneId"), status: p.str("subnetStatus"), name: p.str("subnetName") };
    return renderPage(m.describeSubnets(filter).map(renderSubnet), readPage(p));
  },
  DescribeSecurityGroups: (m, p) => {
    const filter = { ids: p.strings("securityGroupIds", 100), name: p.str("securityGroupName") };
    return renderPage(m.describeSecurityGroups(filter).map(renderSecurityGroup), readPage(p));
  },
};

/** zrmActions are the resource-manager actions served at /api/v2/zrm (tags after creation). */
export const zrmActions: Record<string, Action> = {
  ModifyResourceTags: (m, p) => {
    const id = p.str("resourceUuid", true);
    const replace = readTags("replaceTags", p.objects("replaceTags"));
    m.modifyResourceTags(id, replace, p.strings("deleteTagKeys") ?? []);
    return {};
  },
};
