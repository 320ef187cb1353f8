/**
 * The coc-vm catalogue localcloud sells from: regions and their availability zones, instance types, public images,
 * disk types, and each region's default network (VPCs, subnets, security groups), plus the account's key pairs.
 * Ids follow JD Cloud's shapes (`vpc-…`, `subnet-…`, `sg-…`, `img-…`) so that examples read like real ones.
 */

import type { CloudCatalog } from "../../emulator";

/** JdInstanceType is one sellable instance type. */
export interface JdInstanceType {
  instanceType: string;
  cpu: number;
  memoryMB: number;
  /** How many data disks it takes besides the system disk. */
  maxDataDisks: number;
  /** Zones where it is sold out. */
  soldOutIn: string[];
}

/** JdImage is one public image. */
export interface JdImage {
  imageId: string;
  name: string;
  platform: "Linux" | "Windows Server";
  /** `ready` images can be launched; others answer "not ready". */
  status: "ready" | "creating";
  /** Instance types with less memory are refused ("Image constraints"). */
  minMemoryMB: number;
}

/** JdSubnet is one subnet of a VPC. */
export interface JdSubnet {
  subnetId: string;
  vpcId: string;
  cidr: string;
}

/** JdSecurityGroup is one security group of a VPC. */
export interface JdSecurityGroup {
  groupId: string;
  groupName: string;
  vpcId: string;
}

/** JdRegion is one region: its zones and its network. */
export interface JdRegion {
  regionId: string;
  name: string;
  azs: string[];
  vpcs: string[];
  subnets: JdSubnet[];
  securityGroups: JdSecurityGroup[];
  /** Disk types that cannot be bought in this region right now. */
  disksOutOfStock: string[];
}

function network(short: string): Pick<JdRegion, "vpcs" | "subnets" | "securityGroups"> {
  return {
    vpcs: [`vpc-${short}default`, `vpc-${short}prod`],
    subnets: [
      { subnetId: `subnet-${short}web`, vpcId: `vpc-${short}default`, cidr: "10.0.1.0/24" },
      { subnetId: `subnet-${short}db`, vpcId: `vpc-${short}default`, cidr: "10.0.2.0/24" },
      { subnetId: `subnet-${short}prod`, vpcId: `vpc-${short}prod`, cidr: "172.16.0.0/20" },
    ],
    securityGroups: [
      { groupId: `sg-${short}default`, groupName: "default", vpcId: `vpc-${short}default` },
      { groupId: `sg-${short}web`, groupName: "web", vpcId: `vpc-${short}default` },
      { groupId: `sg-${short}prod`, groupName: "prod", vpcId: `vpc-${short}prod` },
    ],
  };
}

/** regions lists the regions coc-vm serves in localcloud. */
export const regions: JdRegion[] = [
  { regionId: "cn-north-1", name: "华北-北京", azs: ["cn-north-1a", "cn-north-1b", "cn-north-1c"], disksOutOfStock: ["hdd.std1"], ...network("n1") },
  { regionId: "cn-east-1", name: "华东-宿迁", azs: ["cn-east-1a"], disksOutOfStock: ["ssd.io1"], ...network("e1") },
  { regionId: "cn-east-2", name: "华东-上海", azs: ["cn-east-2a", "cn-east-2b", "cn-east-2c"], disksOutOfStock: [], ...network("e2") },
  { regionId: "cn-south-1", name: "华南-广州", azs: ["cn-south-1a", "cn-south-1b"], disksOutOfStock: ["hdd.std1"], ...network("s1") },
];

/** instanceTypes lists the instance types, sold in every region unless sold out in a zone. */
export const instanceTypes: JdInstanceType[] = [
  { instanceType: "t.n1.micro", cpu: 1, memoryMB: 1024, maxDataDisks: 2, soldOutIn: [] },
  { instanceType: "c.n2.medium", cpu: 1, memoryMB: 2048, maxDataDisks: 4, soldOutIn: [] },
  { instanceType: "c.n2.large", cpu: 2, memoryMB: 4096, maxDataDisks: 4, soldOutIn: [] },
  { instanceType: "g.n2.medium", cpu: 1, memoryMB: 4096, maxDataDisks: 8, soldOutIn: [] },
  { instanceType: "g.n2.large", cpu: 2, memoryMB: 8192, maxDataDisks: 8, soldOutIn: [] },
  { instanceType: "g.n2.xlarge", cpu: 4, memoryMB: 16384, maxDataDisks: 8, soldOutIn: ["cn-north-1c"] },
  { instanceType: "m.n2.large", cpu: 2, memoryMB: 16384, maxDataDisks: 8, soldOutIn: [] },
];

/** images lists the public images, the same ids in every region. */
export const images: JdImage[] = [
  { imageId: "img-centos79", name: "CentOS 7.9 64位", platform: "Linux", status: "ready", minMemoryMB: 1024 },
  { imageId: "img-ubuntu2204", name: "Ubuntu 22.04 64位", platform: "Linux", status: "ready", minMemoryMB: 1024 },
  { imageId: "img-debian12", name: "Debian 12 64位", platform: "Linux", status: "ready", minMemoryMB: 1024 },
  { imageId: "img-rocky9", name: "Rocky Linux 9 64位", platform: "Linux", status: "ready", minMemoryMB: 1024 },
  { imageId: "img-win2019", name: "Windows Server 2019 数据中心版 64位中文版", platform: "Windows Server", status: "ready", minMemoryMB: 2048 },
  { imageId: "img-anolis8", name: "Anolis OS 8 64位", platform: "Linux", status: "creating", minMemoryMB: 1024 },
];

/** diskTypes are the cloud disk types: general-purpose SSD, performance SSD, capacity HDD. */
export const diskTypes = ["ssd.gp1", "ssd.io1", "hdd.std1"];

/** keyPairs are the account's SSH key pairs. */
export const keyPairs = ["default", "lightfleet", "ops"];

/** Disk size limits in GiB. */
export const systemDiskGB = { min: 40, max: 500, default: 40 };
export const dataDiskGB = { min: 20, max: 16000, default: 20 };

/** DEFAULT_INSTANCE_QUOTA is the instances a region allows unless the state's `quotaPerRegion` says otherwise. */
export const DEFAULT_INSTANCE_QUOTA = 200;

/** findRegion returns a region of the catalogue, or undefined. */
export function findRegion(regionId: string): JdRegion | undefined {
  return regions.find((r) => r.regionId === regionId);
}

/** CATALOG_CREATED is when the catalogue's images, VPCs and subnets were made. */
export const CATALOG_CREATED = "2024-01-15T08:00:00Z";

/** nameOf is the name of a catalogue VPC or subnet: its id without the prefix and the region's short code. */
export function nameOf(id: string): string {
  return id.replace(/^[a-z]+-[a-z]\d/, "");
}

/** catalog is this catalogue as the admin API lists it. */
export const catalog: CloudCatalog = {
  regions: regions.map((r) => ({ region: r.regionId, zones: r.azs })),
  plans: instanceTypes.map((t) => ({ id: t.instanceType, ...(t.soldOutIn.length ? { unavailable: `sold out in ${t.soldOutIn.join(", ")}` } : {}) })),
  images: images.map((i) => ({ id: i.imageId, ...(i.status === "ready" ? {} : { unavailable: `image ${i.status}` }) })),
  subnets: regions.flatMap((r) => r.subnets.map((s) => ({ subnetId: s.subnetId, region: r.regionId, cidr: s.cidr }))),
};
