import * as catalog from "./catalog";
import { invalid, missing, ZenlayerError } from "./errors";
import { expandInstanceNames } from "./instanceNames";
import { Params, readTags } from "./params";

/** CreateSpec is a CreateInstances request that passed every rule that does not depend on account state. */
export interface CreateSpec {
  zone: catalog.ZoneEntry;
  image: catalog.ImageEntry;
  type: catalog.InstanceTypeEntry;
  subnet: catalog.SubnetEntry;
  resourceGroup: { resourceGroupId: string; resourceGroupName: string };
  instanceChargeType: string;
  period?: number;
  internetChargeType: string;
  internetMaxBandwidthOut: number;
  trafficPackageSize?: number;
  names: string[];
  keyId?: string;
  systemDisk: { diskSize: number; diskCategory: string };
  dataDisks: Array<{ diskSize: number; diskName?: string; diskCategory: string }>;
  enableIpv4: boolean;
  enableIpv6: boolean;
  securityGroupId?: string;
  cidrBlock?: catalog.CidrBlockEntry;
  nic?: { wanName?: string; lanName?: string };
  tags: Array<{ key: string; value: string }>;
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

function readNetwork(p: Params, zone: catalog.ZoneEntry, type: catalog.InstanceTypeEntry, internetChargeType: string) {
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
  const cidrBlockId = p.str("cidrBlockId");
  const start = p.str("startCidrIpv4");
  if (start !== undefined && cidrBlockId === undefined) throw missing("cidrBlockId");
  if (start !== undefined && !IPV4.test(start)) throw invalid("startCidrIpv4", "must be an IPv4 address");
  let cidrBlock: catalog.CidrBlockEntry | undefined;
  if (cidrBlockId !== undefined) {
    cidrBlock = catalog.cidrBlocks.find((c) => c.cidrBlockId === cidrBlockId && c.zoneId === zone.zoneId);
    if (!cidrBlock) throw new ZenlayerError(404, "OPERATION_DENIED_IPV4_CIDR_NOT_FOUND", `The CIDR block \`${cidrBlockId}\` is not found.`);
  }
  const nic = p.object("nic");
  return {
    internetMaxBandwidthOut: bandwidth,
    trafficPackageSize: traffic,
    enableIpv4: p.bool("enableIpv4") ?? true,
    enableIpv6,
    securityGroupId,
    cidrBlock,
    nic: nic ? { wanName: nic.str("wanName"), lanName: nic.str("lanName") } : undefined,
  };
}

/**
 * readCreateInstances applies every CreateInstances rule of the seed that depends only on the request and the
 * catalogue (required parameters, types, ranges, the name pattern, password XOR keyId, zone offerings). Rules on
 * account state (quota, free subnet and CIDR addresses) are the model's.
 */
export function readCreateInstances(p: Params): CreateSpec {
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
  p.object("instanceChargePostpaid")?.int("period", { min: 1 });
  p.bool("diskPreAllocated");
  p.str("clusterId");
  const marketing = p.object("marketingOptions");
  marketing?.str("discountCode");
  marketing?.bool("usePocVoucher");
  const tagAssociation = p.object("tags");
  const tags = readTags("tags.tags", tagAssociation?.objects("tags"));

  const zone = catalog.zones.find((z) => z.zoneId === zoneId);
  if (!zone) throw new ZenlayerError(404, "INVALID_ZONE_NOT_FOUND", `The specified zoneId \`${zoneId}\` is not found.`);
  if (zone.soldOut) throw new ZenlayerError(400, "RESOURCE_INSUFFICIENT_PRODUCT_SOLD_OUT", `Zone ${zoneId} has nothing for sale right now.`);
  if (!zone.chargeTypes.includes(instanceChargeType)) {
    throw new ZenlayerError(403, "OPERATION_DENIED_CHARGE_TYPE_NOT_SUPPORT", `The pricing model ${instanceChargeType} is not supported in zone ${zoneId}.`);
  }
  if (!zone.internetChargeTypes.includes(internetChargeType)) {
    throw new ZenlayerError(
      403,
      "OPERATION_FILED_INTERNET_CHARGE_TYPE_NOT_SUPPORT",
      `The network billing method ${internetChargeType} is not supported in zone ${zoneId}.`,
    );
  }
  const type = catalog.instanceTypes.find((t) => t.instanceType === instanceType);
  if (!type) throw new ZenlayerError(404, "INVALID_INSTANCE_TYPE_NOT_FOUND", `The instance type \`${instanceType}\` is not found.`);
  if (!zone.instanceTypes.includes(instanceType)) {
    throw new ZenlayerError(400, "INVALID_INSTANCE_TYPE_ZONE_NO_SELL", `The instance type ${instanceType} is not available in zone ${zoneId}.`);
  }
  if (zone.soldOutTypes.includes(instanceType)) {
    throw new ZenlayerError(400, "RESOURCES_SOLDOUT_INSTANCE_TYPE", `The instance type ${instanceType} is sold out in zone ${zoneId}.`);
  }
  const image = catalog.images.find((i) => i.imageId === imageId && (i.zones.length === 0 || i.zones.includes(zoneId)));
  if (!image) throw new ZenlayerError(404, "INVALID_IMAGE_NOT_FOUND", `The image \`${imageId}\` is not found in zone ${zoneId}.`);
  if (keyId !== undefined) {
    if (!catalog.keyPairs.includes(keyId)) throw new ZenlayerError(404, "INVALID_KEY_PAIR_NOT_FOUND", `The key pair \`${keyId}\` is not found.`);
    if (image.osType === "windows") throw invalid("keyId", "is not supported for Windows images");
  }
  const subnet = catalog.subnets.find((s) => s.subnetId === subnetId);
  if (!subnet) throw new ZenlayerError(404, "INVALID_SUBNET_NOT_FOUND", `The subnet \`${subnetId}\` is not found.`);
  if (subnet.zoneId !== zoneId) {
    throw new ZenlayerError(403, "OPERATION_DENIED_SUBNET_ZONE_MISMATCH", `The subnet ${subnetId} is in ${subnet.zoneId}, not in zone ${zoneId}.`);
  }
  const rgId = p.str("resourceGroupId");
  const resourceGroup = rgId === undefined ? catalog.resourceGroups[0] : catalog.resourceGroups.find((g) => g.resourceGroupId === rgId);
  if (!resourceGroup) throw new ZenlayerError(404, "INVALID_RESOURCE_GROUP_NOT_FOUND", `The resource group \`${rgId}\` is not found.`);
  return {
    zone,
    image,
    type,
    subnet,
    resourceGroup,
    instanceChargeType,
    period,
    internetChargeType,
    names,
    keyId,
    ...readDisks(p, zone, image),
    ...readNetwork(p, zone, type, internetChargeType),
    tags,
  };
}
