import type { CloudCatalog } from "../../emulator";

/** CatalogBundle is one Lighthouse bundle (plan) as DescribeBundles shows it, plus the zones where it is not sold. */
export interface CatalogBundle {
  BundleId: string;
  CPU: number;
  /** GB. */
  Memory: number;
  SystemDiskType: string;
  /** GB. */
  SystemDiskSize: number;
  /** GB a month. */
  MonthlyTraffic: number;
  /** Mbps. */
  InternetMaxBandwidthOut: number;
  InternetChargeType: string;
  SupportLinuxUnixPlatform: boolean;
  SupportWindowsPlatform: boolean;
  /** Monthly price in CNY. */
  MonthlyPrice: number;
  BundleSalesState: "AVAILABLE" | "SOLD_OUT";
  BundleType: string;
  BundleTypeDescription: string;
  BundleDisplayLabel: string;
  /** Zones without stock for this bundle (ResourcesSoldOut.ZonesHasNoBundleConfigs). */
  noStockZones: string[];
}

/** CatalogBlueprint is one public image as DescribeBlueprints shows it. */
export interface CatalogBlueprint {
  BlueprintId: string;
  DisplayTitle: string;
  DisplayVersion: string;
  Description: string;
  OsName: string;
  Platform: string;
  PlatformType: "LINUX_UNIX" | "WINDOWS";
  BlueprintType: "APP_OS" | "PURE_OS";
  BlueprintName: string;
  RequiredSystemDiskSize: number;
  RequiredMemorySize: number;
  BlueprintState: "NORMAL";
  /** Set on images that run Docker, the only ones that take `Containers` at create. */
  DockerVersion?: string;
}

/** regions maps each emulated region to its availability zones. */
export const regions: Record<string, string[]> = {
  "ap-guangzhou": ["ap-guangzhou-3", "ap-guangzhou-4", "ap-guangzhou-6"],
  "ap-shanghai": ["ap-shanghai-2", "ap-shanghai-4", "ap-shanghai-5"],
  "ap-beijing": ["ap-beijing-3", "ap-beijing-5", "ap-beijing-6", "ap-beijing-7"],
  "ap-singapore": ["ap-singapore-1", "ap-singapore-2", "ap-singapore-3"],
  "na-siliconvalley": ["na-siliconvalley-1", "na-siliconvalley-2"],
};

function bundle(
  id: string,
  cpu: number,
  memory: number,
  disk: number,
  traffic: number,
  bandwidth: number,
  price: number,
  extra: Partial<CatalogBundle> = {},
): CatalogBundle {
  return {
    BundleId: id,
    CPU: cpu,
    Memory: memory,
    SystemDiskType: "CLOUD_SSD",
    SystemDiskSize: disk,
    MonthlyTraffic: traffic,
    InternetMaxBandwidthOut: bandwidth,
    InternetChargeType: "TRAFFIC_POSTPAID_BY_HOUR",
    SupportLinuxUnixPlatform: true,
    SupportWindowsPlatform: memory >= 2,
    MonthlyPrice: price,
    BundleSalesState: "AVAILABLE",
    BundleType: "GENERAL_BUNDLE",
    BundleTypeDescription: "General bundle",
    BundleDisplayLabel: "ACTIVITY",
    noStockZones: [],
    ...extra,
  };
}

/** bundles is the seed catalogue: general bundles, one sold out everywhere and one out of stock in some zones. */
export const bundles: CatalogBundle[] = [
  bundle("bundle_gen_01", 1, 1, 25, 200, 30, 32),
  bundle("bundle_gen_02", 1, 2, 40, 300, 30, 50),
  bundle("bundle_gen_03", 2, 4, 60, 500, 30, 90),
  bundle("bundle_gen_04", 2, 8, 80, 1000, 30, 180),
  bundle("bundle_gen_05", 4, 16, 100, 1500, 30, 360, { noStockZones: ["ap-guangzhou-3", "ap-singapore-1"] }),
  bundle("bundle_ent_01", 8, 32, 200, 2500, 30, 800, {
    BundleSalesState: "SOLD_OUT",
    BundleType: "ENTERPRISE_BUNDLE",
    BundleTypeDescription: "Enterprise bundle",
    BundleDisplayLabel: "NORMAL",
  }),
  bundle("bundle_linux_01", 2, 2, 50, 512, 6, 45, {
    SupportWindowsPlatform: false,
    BundleType: "STARTER_BUNDLE",
    BundleTypeDescription: "Starter bundle (Linux only)",
  }),
];

function blueprint(
  id: string,
  title: string,
  version: string,
  platform: string,
  platformType: CatalogBlueprint["PlatformType"],
  extra: Partial<CatalogBlueprint> = {},
): CatalogBlueprint {
  return {
    BlueprintId: id,
    DisplayTitle: title,
    DisplayVersion: version,
    Description: `${title} ${version}`,
    OsName: `${title} ${version} 64bit`,
    Platform: platform,
    PlatformType: platformType,
    BlueprintType: "PURE_OS",
    BlueprintName: `${title} ${version}`,
    RequiredSystemDiskSize: platformType === "WINDOWS" ? 40 : 20,
    RequiredMemorySize: platformType === "WINDOWS" ? 2 : 1,
    BlueprintState: "NORMAL",
    ...extra,
  };
}

/** blueprints is the seed catalogue of public images (Linux, Windows, and Docker/application images). */
export const blueprints: CatalogBlueprint[] = [
  blueprint("lhbp-f1lkcd41", "Ubuntu Server", "22.04 LTS", "UBUNTU", "LINUX_UNIX"),
  blueprint("lhbp-a7oxy2z5", "Debian", "12", "DEBIAN", "LINUX_UNIX"),
  blueprint("lhbp-2enpwl5j", "CentOS", "7.9", "CENTOS", "LINUX_UNIX"),
  blueprint("lhbp-g0tn7djh", "TencentOS Server", "3.1 (TK4)", "TENCENTOS", "LINUX_UNIX"),
  blueprint("lhbp-8ulk4mgr", "Docker CE", "26.1", "CENTOS", "LINUX_UNIX", {
    BlueprintType: "APP_OS",
    DockerVersion: "26.1.3",
  }),
  blueprint("lhbp-r8dk1qz3", "WordPress", "6.4", "CENTOS", "LINUX_UNIX", { BlueprintType: "APP_OS", RequiredMemorySize: 2 }),
  blueprint("lhbp-6tqbxl5c", "Windows Server", "2022 DataCenter", "WINDOWS", "WINDOWS"),
];

/** firewallTemplates are the firewall template ids CreateInstances accepts. */
export const firewallTemplates: Record<string, string> = {
  "lhfwt-3b2n5k8q": "web servers (22, 80, 443)",
  "lhfwt-9x7m2p4d": "ssh only",
};

/** LighthouseLimits are the account quotas localcloud enforces. */
export interface LighthouseLimits {
  /** Instances a region may hold (LimitExceeded.InstanceQuotaLimitExceeded). */
  instancesPerRegion: number;
  /** Snapshots a region may hold for each of its instances (LimitExceeded.SnapshotQuotaLimitExceeded). */
  snapshotsPerInstance: number;
}

/** defaultLimits are the quotas of a fresh localcloud account. */
export const defaultLimits: LighthouseLimits = { instancesPerRegion: 200, snapshotsPerInstance: 2 };

/** catalog is this catalogue as the admin API lists it. */
export const catalog: CloudCatalog = {
  regions: Object.entries(regions).map(([region, zones]) => ({ region, zones })),
  plans: bundles.map((b) => ({
    id: b.BundleId,
    ...(b.BundleSalesState === "SOLD_OUT" ? { unavailable: "sold out" } : b.noStockZones.length ? { unavailable: `no stock in ${b.noStockZones.join(", ")}` } : {}),
  })),
  images: blueprints.map((b) => ({ id: b.BlueprintId })),
  subnets: [],
};
