import type { CloudCatalog } from "../../emulator";

/** ZoneEntry is one zone of the seed catalogue with what it sells. */
export interface ZoneEntry {
  zoneId: string;
  zoneName: string;
  supportSecurityGroup: boolean;
  supportIpv6: boolean;
  supportCpuPassThrough: boolean;
  supportNetworkType: string[];
  chargeTypes: string[];
  internetChargeTypes: string[];
  /** Data disks are on sale here. */
  sellsDisks: boolean;
  /** Nothing at all can be bought here right now. */
  soldOut: boolean;
  instanceTypes: string[];
  /** Types listed in the zone but currently out of stock. */
  soldOutTypes: string[];
}

/** InstanceTypeEntry is one VM model. */
export interface InstanceTypeEntry {
  instanceType: string;
  instanceTypeName: string;
  cpuCount: number;
  memory: number;
  frequency: number;
  internetMaxBandwidthOutLimit: number;
}

/** ImageEntry is one public or custom image. */
export interface ImageEntry {
  imageId: string;
  imageName: string;
  imageType: "PUBLIC_IMAGE" | "CUSTOM_IMAGE";
  imageSize: number;
  imageDescription: string;
  imageVersion: string;
  imageStatus: string;
  category: string;
  osType: "linux" | "windows";
  /** Zones where the image can be installed; empty means every zone. */
  zones: string[];
}

/** SubnetEntry is a VPC subnet with the private addresses it can still hand out. */
export interface SubnetEntry {
  subnetId: string;
  subnetName: string;
  vpcId: string;
  zoneId: string;
  cidrBlock: string;
  /** Free addresses before any localcloud instance took one (others hold the rest). */
  freeIps: number;
}

/** VpcEntry is a zone's VPC (the VM service's VPCs are zonal); its subnets name it. */
export interface VpcEntry {
  vpcId: string;
  vpcName: string;
  zoneId: string;
  cidrBlock: string;
  isDefault: boolean;
}

/** SecurityGroupEntry is a security group with its rules. */
export interface SecurityGroupEntry {
  securityGroupId: string;
  securityGroupName: string;
  description: string;
  isDefault: boolean;
  rules: Array<{ direction: "ingress" | "egress"; policy: "accept" | "drop"; ipProtocol: string; portRange: string; cidrIp: string; description: string }>;
}

/** CidrBlockEntry is a public IPv4 CIDR block the account owns. */
export interface CidrBlockEntry {
  cidrBlockId: string;
  zoneId: string;
  cidr: string;
  freeIps: number;
}

const ALL_INTERNET = ["ByBandwidth", "ByTrafficPackage", "ByInstanceBandwidth95", "ByClusterBandwidth95"];
const GENERAL = ["c.1c1g", "c.1c2g", "c.2c4g", "c.4c8g", "m.2c8g", "m.8c32g"];

/** zones is the seed catalogue: each zone id starts with its region (`asia-east-1a` is in `asia-east-1`). */
export const zones: ZoneEntry[] = [
  { zoneId: "asia-east-1a", zoneName: "Hong Kong A", supportSecurityGroup: true, supportIpv6: true, supportCpuPassThrough: true, supportNetworkType: ["Vf", "Virtio"], chargeTypes: ["PREPAID", "POSTPAID"], internetChargeTypes: ALL_INTERNET, sellsDisks: true, soldOut: false, instanceTypes: GENERAL, soldOutTypes: ["m.8c32g"] },
  { zoneId: "asia-east-1b", zoneName: "Hong Kong B", supportSecurityGroup: true, supportIpv6: true, supportCpuPassThrough: false, supportNetworkType: ["Virtio"], chargeTypes: ["PREPAID", "POSTPAID"], internetChargeTypes: ALL_INTERNET, sellsDisks: true, soldOut: false, instanceTypes: GENERAL, soldOutTypes: [] },
  { zoneId: "asia-southeast-1a", zoneName: "Singapore A", supportSecurityGroup: true, supportIpv6: true, supportCpuPassThrough: true, supportNetworkType: ["Vf", "Virtio"], chargeTypes: ["PREPAID", "POSTPAID"], internetChargeTypes: ALL_INTERNET, sellsDisks: true, soldOut: false, instanceTypes: GENERAL, soldOutTypes: [] },
  { zoneId: "asia-northeast-2a", zoneName: "Seoul A", supportSecurityGroup: true, supportIpv6: false, supportCpuPassThrough: false, supportNetworkType: ["Virtio"], chargeTypes: ["PREPAID", "POSTPAID"], internetChargeTypes: ["ByBandwidth", "ByTrafficPackage"], sellsDisks: true, soldOut: false, instanceTypes: ["c.1c1g", "c.1c2g", "c.2c4g"], soldOutTypes: [] },
  { zoneId: "na-west-1a", zoneName: "Los Angeles A", supportSecurityGroup: false, supportIpv6: false, supportCpuPassThrough: false, supportNetworkType: ["Virtio"], chargeTypes: ["PREPAID", "POSTPAID"], internetChargeTypes: ["ByBandwidth", "ByTrafficPackage"], sellsDisks: false, soldOut: false, instanceTypes: ["c.1c1g", "c.1c2g", "c.2c4g", "c.4c8g"], soldOutTypes: [] },
  { zoneId: "eu-west-1a", zoneName: "Frankfurt A", supportSecurityGroup: true, supportIpv6: true, supportCpuPassThrough: false, supportNetworkType: ["Virtio"], chargeTypes: ["PREPAID"], internetChargeTypes: ["ByBandwidth", "ByTrafficPackage", "ByInstanceBandwidth95"], sellsDisks: true, soldOut: false, instanceTypes: GENERAL, soldOutTypes: [] },
  { zoneId: "sa-east-1a", zoneName: "Sao Paulo A", supportSecurityGroup: true, supportIpv6: false, supportCpuPassThrough: false, supportNetworkType: ["Virtio"], chargeTypes: ["PREPAID", "POSTPAID"], internetChargeTypes: ["ByBandwidth"], sellsDisks: true, soldOut: true, instanceTypes: ["c.1c2g", "c.2c4g"], soldOutTypes: [] },
];

/** instanceTypes are the VM models with their bandwidth caps. */
export const instanceTypes: InstanceTypeEntry[] = [
  { instanceType: "c.1c1g", instanceTypeName: "General 1 vCPU 1 GiB", cpuCount: 1, memory: 1, frequency: 2.5, internetMaxBandwidthOutLimit: 100 },
  { instanceType: "c.1c2g", instanceTypeName: "General 1 vCPU 2 GiB", cpuCount: 1, memory: 2, frequency: 2.5, internetMaxBandwidthOutLimit: 200 },
  { instanceType: "c.2c4g", instanceTypeName: "General 2 vCPU 4 GiB", cpuCount: 2, memory: 4, frequency: 2.5, internetMaxBandwidthOutLimit: 500 },
  { instanceType: "c.4c8g", instanceTypeName: "General 4 vCPU 8 GiB", cpuCount: 4, memory: 8, frequency: 2.5, internetMaxBandwidthOutLimit: 1000 },
  { instanceType: "m.2c8g", instanceTypeName: "Memory 2 vCPU 8 GiB", cpuCount: 2, memory: 8, frequency: 3.0, internetMaxBandwidthOutLimit: 500 },
  { instanceType: "m.8c32g", instanceTypeName: "Memory 8 vCPU 32 GiB", cpuCount: 8, memory: 32, frequency: 3.0, internetMaxBandwidthOutLimit: 2000 },
];

/** images are the public images and one custom image. */
export const images: ImageEntry[] = [
  { imageId: "img-ubuntu-2204-x64", imageName: "Ubuntu 22.04 LTS 64bit", imageType: "PUBLIC_IMAGE", imageSize: 20, imageDescription: "Ubuntu Server 22.04 LTS", imageVersion: "22.04", imageStatus: "AVAILABLE", category: "Ubuntu", osType: "linux", zones: [] },
  { imageId: "img-ubuntu-2404-x64", imageName: "Ubuntu 24.04 LTS 64bit", imageType: "PUBLIC_IMAGE", imageSize: 20, imageDescription: "Ubuntu Server 24.04 LTS", imageVersion: "24.04", imageStatus: "AVAILABLE", category: "Ubuntu", osType: "linux", zones: [] },
  { imageId: "img-debian-12-x64", imageName: "Debian 12 64bit", imageType: "PUBLIC_IMAGE", imageSize: 20, imageDescription: "Debian 12 bookworm", imageVersion: "12", imageStatus: "AVAILABLE", category: "Debian", osType: "linux", zones: [] },
  { imageId: "img-rocky-9-x64", imageName: "Rocky Linux 9 64bit", imageType: "PUBLIC_IMAGE", imageSize: 20, imageDescription: "Rocky Linux 9", imageVersion: "9", imageStatus: "AVAILABLE", category: "Rocky", osType: "linux", zones: [] },
  { imageId: "img-windows-2022-x64", imageName: "Windows Server 2022 Datacenter 64bit", imageType: "PUBLIC_IMAGE", imageSize: 40, imageDescription: "Windows Server 2022", imageVersion: "2022", imageStatus: "AVAILABLE", category: "Windows", osType: "windows", zones: ["asia-east-1a", "asia-southeast-1a", "eu-west-1a"] },
  { imageId: "img-custom-web-base", imageName: "web-base", imageType: "CUSTOM_IMAGE", imageSize: 30, imageDescription: "Team web base image", imageVersion: "1", imageStatus: "AVAILABLE", category: "Ubuntu", osType: "linux", zones: ["asia-east-1a"] },
];

/** vpcs, one a zone. */
export const vpcs: VpcEntry[] = [
  { vpcId: "vpc-hk-a-default", vpcName: "default", zoneId: "asia-east-1a", cidrBlock: "10.10.0.0/15", isDefault: true },
  { vpcId: "vpc-hk-b-default", vpcName: "default", zoneId: "asia-east-1b", cidrBlock: "10.12.0.0/16", isDefault: true },
  { vpcId: "vpc-sg-a-default", vpcName: "default", zoneId: "asia-southeast-1a", cidrBlock: "10.20.0.0/16", isDefault: true },
  { vpcId: "vpc-sel-a-default", vpcName: "default", zoneId: "asia-northeast-2a", cidrBlock: "10.30.0.0/16", isDefault: true },
  { vpcId: "vpc-la-a-default", vpcName: "default", zoneId: "na-west-1a", cidrBlock: "10.40.0.0/16", isDefault: true },
  { vpcId: "vpc-fra-a-default", vpcName: "default", zoneId: "eu-west-1a", cidrBlock: "10.50.0.0/16", isDefault: true },
  { vpcId: "vpc-sao-a-default", vpcName: "default", zoneId: "sa-east-1a", cidrBlock: "10.60.0.0/16", isDefault: true },
];

/** subnets, one or two a zone; `subnet-hk-a-tiny` has almost no free addresses left. */
export const subnets: SubnetEntry[] = [
  { subnetId: "subnet-hk-a-default", subnetName: "default", vpcId: "vpc-hk-a-default", zoneId: "asia-east-1a", cidrBlock: "10.10.0.0/16", freeIps: 65_000 },
  { subnetId: "subnet-hk-a-tiny", subnetName: "tiny", vpcId: "vpc-hk-a-default", zoneId: "asia-east-1a", cidrBlock: "10.11.0.0/29", freeIps: 2 },
  { subnetId: "subnet-hk-b-default", subnetName: "default", vpcId: "vpc-hk-b-default", zoneId: "asia-east-1b", cidrBlock: "10.12.0.0/16", freeIps: 65_000 },
  { subnetId: "subnet-sg-a-default", subnetName: "default", vpcId: "vpc-sg-a-default", zoneId: "asia-southeast-1a", cidrBlock: "10.20.0.0/16", freeIps: 65_000 },
  { subnetId: "subnet-sel-a-default", subnetName: "default", vpcId: "vpc-sel-a-default", zoneId: "asia-northeast-2a", cidrBlock: "10.30.0.0/16", freeIps: 65_000 },
  { subnetId: "subnet-la-a-default", subnetName: "default", vpcId: "vpc-la-a-default", zoneId: "na-west-1a", cidrBlock: "10.40.0.0/16", freeIps: 65_000 },
  { subnetId: "subnet-fra-a-default", subnetName: "default", vpcId: "vpc-fra-a-default", zoneId: "eu-west-1a", cidrBlock: "10.50.0.0/16", freeIps: 65_000 },
  { subnetId: "subnet-sao-a-default", subnetName: "default", vpcId: "vpc-sao-a-default", zoneId: "sa-east-1a", cidrBlock: "10.60.0.0/16", freeIps: 65_000 },
];

/** keyPairs the account owns (id format as in the seed: `key-XXXXXXXX`). */
export const keyPairs = ["key-YWD2QFOl", "key-Lf0Fleet"];

const ALL_OUT = { direction: "egress", policy: "accept", ipProtocol: "all", portRange: "-1/-1", cidrIp: "0.0.0.0/0", description: "all outbound" } as const;

/** securityGroups the account owns. */
export const securityGroups: SecurityGroupEntry[] = [
  {
    securityGroupId: "sg-default-web",
    securityGroupName: "web",
    description: "HTTP and HTTPS from anywhere",
    isDefault: true,
    rules: [
      { direction: "ingress", policy: "accept", ipProtocol: "tcp", portRange: "80/80", cidrIp: "0.0.0.0/0", description: "http" },
      { direction: "ingress", policy: "accept", ipProtocol: "tcp", portRange: "443/443", cidrIp: "0.0.0.0/0", description: "https" },
      ALL_OUT,
    ],
  },
  {
    securityGroupId: "sg-default-ssh",
    securityGroupName: "ssh",
    description: "SSH from anywhere",
    isDefault: false,
    rules: [{ direction: "ingress", policy: "accept", ipProtocol: "tcp", portRange: "22/22", cidrIp: "0.0.0.0/0", description: "ssh" }, ALL_OUT],
  },
];

/** NETWORK_STATUS is the status every catalogue VPC, subnet and security group shows (ready for use). */
export const NETWORK_STATUS = "AVAILABLE";

/** CATALOG_CREATED is the creation time the catalogue's networks and groups show. */
export const CATALOG_CREATED = "2024-01-15T08:00:00Z";

/** resourceGroups the account owns; the first is the default. */
export const resourceGroups = [
  { resourceGroupId: "rg-default", resourceGroupName: "Default Resource Group" },
  { resourceGroupId: "rg-production", resourceGroupName: "production" },
];

/** cidrBlocks the account owns; `cidr-hk-a-full` has one free address. */
export const cidrBlocks: CidrBlockEntry[] = [
  { cidrBlockId: "cidr-hk-a-main", zoneId: "asia-east-1a", cidr: "103.40.10.0/24", freeIps: 250 },
  { cidrBlockId: "cidr-hk-a-full", zoneId: "asia-east-1a", cidr: "103.40.11.0/30", freeIps: 1 },
];

/** Disk limits: system disks in steps of 10 GB up to 1 TB, data disks 20 GB to 32 TB, at most 10 data disks. */
export const diskLimits = { systemStep: 10, systemMax: 1024, dataMin: 20, dataMax: 32_768, maxDataDisks: 10 };

/** diskCategories sold for system and data disks. */
export const diskCategories = ["Standard NVMe SSD", "Basic NVMe SSD"];

/** MAX_TRAFFIC_PACKAGE_TB is the largest traffic package one instance may buy. */
export const MAX_TRAFFIC_PACKAGE_TB = 500;

/**
 * TAG_LIMITS: Zenlayer documents only that tag keys are unique and that the console creates up to 20 tags at a time;
 * the per-resource count and the key and value lengths are assumptions, shared with the provider's schema.
 */
export const TAG_LIMITS = { maxTags: 20, maxKey: 64, maxValue: 128 };

/** DEFAULT_INSTANCE_QUOTA is how many instances (not yet released) one region allows by default. */
export const DEFAULT_INSTANCE_QUOTA = 200;

/** regionOf maps a zone id to its region: the zone id without its trailing letter. */
export function regionOf(zoneId: string): string {
  return zoneId.replace(/[a-z]$/, "");
}

/** catalog is this catalogue as the admin API lists it. */
export const catalog: CloudCatalog = {
  regions: [...new Set(zones.map((z) => regionOf(z.zoneId)))].map((region) => ({
    region,
    zones: zones.filter((z) => regionOf(z.zoneId) === region).map((z) => z.zoneId),
    soldOutZones: zones.filter((z) => regionOf(z.zoneId) === region && z.soldOut).map((z) => z.zoneId),
  })),
  plans: instanceTypes.map((t) => {
    const out = zones.filter((z) => z.soldOutTypes.includes(t.instanceType)).map((z) => z.zoneId);
    return { id: t.instanceType, ...(out.length ? { unavailable: `sold out in ${out.join(", ")}` } : {}) };
  }),
  images: images.map((i) => ({ id: i.imageId, ...(i.zones.length ? { unavailable: `outside ${i.zones.join(", ")}` } : {}) })),
  subnets: subnets.map((s) => ({ subnetId: s.subnetId, region: regionOf(s.zoneId), zone: s.zoneId, cidr: s.cidrBlock })),
};
