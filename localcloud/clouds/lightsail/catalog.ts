/**
 * The Lightsail catalogue localcloud serves: regions with their zones, blueprints and bundles, modelled on what
 * GetRegions, GetBlueprints and GetBundles answer in a real account (prices in USD a month).
 */

import type { CloudCatalog } from "../../emulator";

/** RegionEntry is one region and its Availability Zones. */
export interface RegionEntry {
  name: string;
  displayName: string;
  continentCode: string;
  description: string;
  zones: string[];
}

/** BlueprintEntry is one image an instance can be created from. */
export interface BlueprintEntry {
  blueprintId: string;
  name: string;
  group: string;
  type: "os" | "app";
  description: string;
  isActive: boolean;
  minPower: number;
  version: string;
  versionCode: string;
  productUrl: string;
  licenseUrl: string;
  platform: "LINUX_UNIX" | "WINDOWS";
  appCategory?: string;
  /** The login user of instances made from it. */
  username: string;
}

/** BundleEntry is one instance plan. */
export interface BundleEntry {
  bundleId: string;
  name: string;
  price: number;
  cpuCount: number;
  ramSizeInGb: number;
  diskSizeInGb: number;
  transferPerMonthInGb: number;
  isActive: boolean;
  power: number;
  instanceType: string;
  supportedPlatforms: Array<"LINUX_UNIX" | "WINDOWS">;
  supportedAppCategories: string[];
  publicIpv4AddressCount: number;
}

const region = (name: string, displayName: string, continentCode: string, description: string, letters: string): RegionEntry => ({
  name,
  displayName,
  continentCode,
  description,
  zones: [...letters].map((l) => `${name}${l}`),
});

/** regions are the Lightsail regions and their zones. */
export const regions: RegionEntry[] = [
  region("us-east-1", "Virginia", "NA", "This region is recommended to serve users in the eastern United States", "abcdef"),
  region("us-east-2", "Ohio", "NA", "This region is recommended to serve users in the eastern United States", "abc"),
  region("us-west-2", "Oregon", "NA", "This region is recommended to serve users in the northwestern United States", "abcd"),
  region("ca-central-1", "Montreal", "NA", "This region is recommended to serve users in Canada", "abd"),
  region("eu-west-1", "Ireland", "EU", "This region is recommended to serve users in Ireland, the United Kingdom, and Iceland", "abc"),
  region("eu-west-2", "London", "EU", "This region is recommended to serve users in the United Kingdom", "abc"),
  region("eu-west-3", "Paris", "EU", "This region is recommended to serve users in France", "abc"),
  region("eu-central-1", "Frankfurt", "EU", "This region is recommended to serve users in Germany", "abc"),
  region("eu-north-1", "Stockholm", "EU", "This region is recommended to serve users in Sweden", "abc"),
  region("ap-south-1", "Mumbai", "AS", "This region is recommended to serve users in India", "abc"),
  region("ap-southeast-1", "Singapore", "AS", "This region is recommended to serve users in Southeast Asia", "abc"),
  region("ap-southeast-2", "Sydney", "AU", "This region is recommended to serve users in Australia", "abc"),
  region("ap-southeast-3", "Jakarta", "AS", "This region is recommended to serve users in Indonesia", "abc"),
  region("ap-northeast-1", "Tokyo", "AS", "This region is recommended to serve users in Japan", "acd"),
  region("ap-northeast-2", "Seoul", "AS", "This region is recommended to serve users in South Korea", "acd"),
];

const os = (
  blueprintId: string,
  name: string,
  group: string,
  version: string,
  username: string,
  platform: BlueprintEntry["platform"] = "LINUX_UNIX",
  isActive = true,
): BlueprintEntry => ({
  blueprintId,
  name,
  group,
  type: "os",
  description: `${name} ${version}`,
  isActive,
  minPower: 0,
  version,
  versionCode: "1",
  productUrl: "https://aws.amazon.com/marketplace",
  licenseUrl: "https://aws.amazon.com/marketplace",
  platform,
  username,
});

const app = (blueprintId: string, name: string, group: string, version: string, appCategory?: string): BlueprintEntry => ({
  ...os(blueprintId, name, group, version, "bitnami"),
  type: "app",
  minPower: 0,
  appCategory,
});

/** blueprints are the images; ubuntu_18_04 is inactive, as retired images are. */
export const blueprints: BlueprintEntry[] = [
  os("amazon_linux_2023", "Amazon Linux 2023", "amazon_linux_2023", "2023.6.20250115.0", "ec2-user"),
  os("amazon_linux_2", "Amazon Linux 2", "amazon_linux_2", "2.0.20250108.0", "ec2-user"),
  os("ubuntu_24_04", "Ubuntu", "ubuntu_24", "24.04 LTS", "ubuntu"),
  os("ubuntu_22_04", "Ubuntu", "ubuntu_22", "22.04 LTS", "ubuntu"),
  os("ubuntu_18_04", "Ubuntu", "ubuntu_18", "18.04 LTS", "ubuntu", "LINUX_UNIX", false),
  os("debian_12", "Debian", "debian_12", "12.8", "admin"),
  os("almalinux_9", "AlmaLinux OS", "almalinux_9", "9.5", "ec2-user"),
  os("centos_stream_9", "CentOS Stream", "centos_stream_9", "9", "ec2-user"),
  os("freebsd_14", "FreeBSD", "freebsd_14", "14.2", "ec2-user"),
  os("windows_server_2022", "Windows Server 2022", "windows_2022", "2025.01.15", "Administrator", "WINDOWS"),
  os("windows_server_2019", "Windows Server 2019", "windows_2019", "2025.01.15", "Administrator", "WINDOWS"),
  app("wordpress", "WordPress", "wordpress", "6.7.1-0"),
  app("lamp_8_bitnami", "LAMP (PHP 8)", "lamp_8", "8.3.15-0"),
  app("nodejs", "Node.js", "node", "22.12.0-0"),
  app("nginx", "Nginx", "nginx", "1.27.3-0"),
];

const bundle = (
  bundleId: string,
  name: string,
  price: number,
  cpuCount: number,
  ramSizeInGb: number,
  diskSizeInGb: number,
  transferPerMonthInGb: number,
  power: number,
  instanceType: string,
  platform: BlueprintEntry["platform"] = "LINUX_UNIX",
  publicIpv4AddressCount = 1,
): BundleEntry => ({
  bundleId,
  name,
  price,
  cpuCount,
  ramSizeInGb,
  diskSizeInGb,
  transferPerMonthInGb,
  isActive: true,
  power,
  instanceType,
  supportedPlatforms: [platform],
  supportedAppCategories: [],
  publicIpv4AddressCount,
});

/** bundles are the plans: Linux, Windows and the cheaper IPv6-only ones. */
export const bundles: BundleEntry[] = [
  bundle("nano_3_0", "Nano", 5, 2, 0.5, 20, 1024, 300, "nano"),
  bundle("micro_3_0", "Micro", 7, 2, 1, 40, 2048, 500, "micro"),
  bundle("small_3_0", "Small", 12, 2, 2, 60, 3072, 1000, "small"),
  bundle("medium_3_0", "Medium", 24, 2, 4, 80, 4096, 2000, "medium"),
  bundle("large_3_0", "Large", 44, 2, 8, 160, 5120, 3000, "large"),
  bundle("xlarge_3_0", "Xlarge", 84, 4, 16, 320, 6144, 4000, "xlarge"),
  bundle("2xlarge_3_0", "2Xlarge", 164, 8, 32, 640, 7168, 5000, "2xlarge"),
  bundle("nano_ipv6_3_0", "Nano", 3.5, 2, 0.5, 20, 1024, 300, "nano", "LINUX_UNIX", 0),
  bundle("micro_ipv6_3_0", "Micro", 5, 2, 1, 40, 2048, 500, "micro", "LINUX_UNIX", 0),
  bundle("small_ipv6_3_0", "Small", 10, 2, 2, 60, 3072, 1000, "small", "LINUX_UNIX", 0),
  bundle("nano_win_3_0", "Nano", 9.5, 2, 0.5, 30, 1024, 300, "nano", "WINDOWS"),
  bundle("micro_win_3_0", "Micro", 14, 2, 1, 40, 2048, 500, "micro", "WINDOWS"),
  bundle("small_win_3_0", "Small", 22, 2, 2, 60, 3072, 1000, "small", "WINDOWS"),
  bundle("medium_win_3_0", "Medium", 44, 2, 4, 80, 4096, 2000, "medium", "WINDOWS"),
  bundle("large_win_3_0", "Large", 76, 2, 8, 160, 5120, 3000, "large", "WINDOWS"),
];

/** DEFAULT_INSTANCE_QUOTA is how many instances a region holds before CreateInstances refuses more. */
export const DEFAULT_INSTANCE_QUOTA = 200;

/** ACCOUNT_ID is the account every ARN names. */
export const ACCOUNT_ID = "123456789012";

/** PAGE_SIZE is how many items a Get* list returns a page [inferred: AWS does not document it]. */
export const PAGE_SIZE = 50;

/** MAX_TAGS is how many tags one resource may carry. */
export const MAX_TAGS = 50;

/** Lifecycle durations at time scale 1, in ms of cloud time. */
export const durations = {
  /** pending -> running, and the create operation's end. */
  boot: 30_000,
  /** running -> a public IPv4 exists (it trails the state, the known quirk). */
  publicIp: 5_000,
  stop: 12_000,
  start: 20_000,
  reboot: 8_000,
  /** shutting-down -> gone. */
  delete: 15_000,
  /** small API-side changes: tags, add-ons, IP address type. */
  modify: 2_000,
  /** a snapshot reaches 50 %, then available. */
  snapshotHalf: 20_000,
  snapshot: 45_000,
};

/** catalog is this catalogue as the admin API lists it. */
export const catalog: CloudCatalog = {
  regions: regions.map((r) => ({ region: r.name, zones: r.zones })),
  plans: bundles.map((b) => ({ id: b.bundleId, ...(b.isActive ? {} : { unavailable: "inactive" }) })),
  images: blueprints.map((b) => ({ id: b.blueprintId, ...(b.isActive ? {} : { unavailable: "inactive" }) })),
  subnets: [],
};
