import { z } from "zod";
import { commonShape, regionSchema } from "../../core/commonSchema";
import { OWNERSHIP_TAG_COUNT, userTagsSchema } from "../../core/ownership";
import type { AutoNaming } from "../../core/naming";

/** NamePattern is one `[begin,bits]` counter inside an instanceName. */
interface NamePattern {
  begin: number;
  bits: number;
}

/** NameExpansion is the expanded names, or why the instanceName is not acceptable. */
export type NameExpansion = { ok: true; names: string[] } | { ok: false; reason: string };

const COUNTER = /\[([^\]]*)\]/g;

/** MAX_INSTANCE_NAME is the longest instance name Zenlayer accepts. */
export const MAX_INSTANCE_NAME = 64;

/**
 * instanceNames expands an instanceName into the names `count` instances will get: every `[begin,bits]` counter
 * becomes begin+i padded to `bits` digits (begin 0-99999, default 0; bits 1-6, default 6), e.g. `web[1,3]` gives
 * web001, web002. Outside counters only letters, digits, `-` and `.` are allowed; each name has at most 64 characters.
 */
export function instanceNames(pattern: string, count: number): NameExpansion {
  if (pattern.length === 0) return { ok: false, reason: "must not be empty" };
  const counters: NamePattern[] = [];
  for (const m of pattern.matchAll(COUNTER)) {
    const parts = /^(\d*),(\d*)$/.exec(m[1]);
    if (!parts) return { ok: false, reason: "a counter must be [begin_number,bits] without spaces, e.g. web[1,3]" };
    const begin = parts[1] === "" ? 0 : Number(parts[1]);
    const bits = parts[2] === "" ? 6 : Number(parts[2]);
    if (begin > 99_999) return { ok: false, reason: "a counter's begin_number must be 0-99999" };
    if (bits < 1 || bits > 6) return { ok: false, reason: "a counter's bits must be 1-6" };
    counters.push({ begin, bits });
  }
  if (!/^[A-Za-z0-9.-]*$/.test(pattern.replace(COUNTER, ""))) {
    return { ok: false, reason: "may contain only letters, numbers, - and periods (.), plus [begin,bits] counters" };
  }
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    let k = 0;
    names.push(
      pattern.replace(COUNTER, () => {
        const c = counters[k++];
        return String(c.begin + i).padStart(c.bits, "0");
      }),
    );
  }
  const tooLong = names.find((n) => n.length > MAX_INSTANCE_NAME);
  if (tooLong) return { ok: false, reason: `must be at most ${MAX_INSTANCE_NAME} characters once expanded (${tooLong} is ${tooLong.length})` };
  return { ok: true, names };
}

/**
 * Tag limits: Zenlayer documents only that keys are unique and that up to 20 tags are created at a time; the key and
 * value lengths are assumptions shared with localcloud. Two of the 20 are lightfleet's ownership tags.
 */
const TAG_LIMITS = { maxTags: 20, maxKey: 64, maxValue: 128 };

const PASSWORD_CHARS = /^[A-Za-z0-9!@#$%^&*`~()\-+=]*$/;
const IPV4 = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/;
const INIT_SCRIPT_MAX_BYTES = 32 * 1024;

const required = (what = "is required") => z.string({ message: what }).min(1, { message: what });

const passwordSchema = z
  .string()
  .min(8, { message: "must be 8-16 characters" })
  .max(16, { message: "must be 8-16 characters" })
  .regex(PASSWORD_CHARS, { message: "may contain only letters, digits and !@#$%^&*`~()-+=" })
  .regex(/[a-z]/, { message: "must include a lowercase letter" })
  .regex(/[A-Z]/, { message: "must include an uppercase letter" })
  .regex(/[0-9]/, { message: "must include a digit" })
  .regex(/[!@#$%^&*`~()\-+=]/, { message: "must include one of the special characters !@#$%^&*`~()-+=" });

/** MAX_INSTANCE_COUNT is the most instances one CreateInstances makes. */
const MAX_INSTANCE_COUNT = 100;

/** zenlayerRegionSchema is the regions of Zenlayer's VM service; each zone id starts with its region. */
export const zenlayerRegionSchema = regionSchema({
  cloud: "Zenlayer",
  pattern: /^[a-z]+(-[a-z]+)*-\d+$/,
  known: ["asia-east-1", "asia-southeast-1", "asia-south-1", "asia-northeast-1", "asia-northeast-2", "eu-west-1", "eu-central-1", "na-west-1", "na-east-1", "na-central-1", "sa-east-1", "me-south-1", "af-south-1"],
});

const tagsSchema = userTagsSchema.superRefine((tags, ctx) => {
    const keys = Object.keys(tags);
    if (keys.length > TAG_LIMITS.maxTags - OWNERSHIP_TAG_COUNT) {
      ctx.addIssue({
        code: "custom",
        message: `must hold at most ${TAG_LIMITS.maxTags - OWNERSHIP_TAG_COUNT} tags (Zenlayer allows ${TAG_LIMITS.maxTags}; lightfleet adds ${OWNERSHIP_TAG_COUNT} ownership tags)`,
      });
    }
    for (const key of keys) {
      if (key.length < 1 || key.length > TAG_LIMITS.maxKey) ctx.addIssue({ code: "custom", path: [key], message: "tag keys must be 1-64 characters" });
      if (tags[key].length > TAG_LIMITS.maxValue) ctx.addIssue({ code: "custom", path: [key], message: "tag values must be at most 128 characters" });
    }
  });

/** zenlayerInstanceSchema is the Zenlayer Instance input: the VM service's CreateInstances parameters plus the common fields. */
export const zenlayerInstanceSchema = z
  .strictObject({
    cloud: z.literal("zenlayer").describe("Selects the Zenlayer Cloud variant."),
    ...commonShape,
    region: zenlayerRegionSchema.describe("The region, e.g. `asia-east-1`."),
    tags: tagsSchema.optional().describe("Tags put on every instance at creation (and changed later through the resource manager). At most 18 (20 less lightfleet's two ownership tags); keys 1-64 characters, values at most 128."),
    zoneId: required().describe("Zone ID to which the instances belong, inside `region` (e.g. `asia-east-1a` in `asia-east-1`)."),
    imageId: required().describe("Valid image ID; DescribeImages lists them."),
    instanceType: required().describe("Instance model ID, e.g. `c.1c2g`; DescribeZoneInstanceConfigInfos lists the models of a zone."),
    instanceChargeType: z.enum(["PREPAID", "POSTPAID"], { message: "must be PREPAID or POSTPAID" }).describe("Instance pricing model: `PREPAID` (subscription) or `POSTPAID` (pay-as-you-go)."),
    instanceChargePrepaid: z
      .object({
        period: z.number().int({ message: "must be a whole number of months" }).min(1, { message: "must be at least 1 month" }).describe("Purchase period in months."),
      })
      .strict()
      .optional()
      .describe("Subscription details (the purchase period in months); required when instanceChargeType is PREPAID."),
    instanceChargePostpaid: z
      .object({
        period: z.number().int({ message: "must be a whole number" }).min(1, { message: "must be at least 1" }).optional().describe("Billing period."),
      })
      .strict()
      .optional()
      .describe("Pay-as-you-go settings."),
    internetChargeType: z.enum(["ByBandwidth", "ByTrafficPackage", "ByInstanceBandwidth95", "ByClusterBandwidth95"], {
      message: "must be ByBandwidth, ByTrafficPackage, ByInstanceBandwidth95 or ByClusterBandwidth95",
    })
      .describe("Public network pricing model: ByBandwidth, ByTrafficPackage, ByInstanceBandwidth95 or ByClusterBandwidth95."),
    instanceCount: z
      .number()
      .int({ message: "must be a whole number" })
      .min(1, { message: `must be 1-${MAX_INSTANCE_COUNT}` })
      .max(MAX_INSTANCE_COUNT, { message: `must be 1-${MAX_INSTANCE_COUNT}` })
      .default(1)
      .describe("The number of instances to be purchased, 1-100 (default 1); the fleet size, changed in place."),
    subnetId: required().describe("Subnet ID."),
    instanceName: z.string().default("instance").describe("Instance name to be displayed (default `<resource name>-<7 random characters>`, kept across updates; `instance` for fleets created before lightfleet generated names): up to 64 characters of letters, numbers, `-` and `.`. For several instances, `[begin_number,bits]` counters number them: `web[1,3]` gives web001, web002, ... (begin 0-99999, default 0; bits 1-6, default 6; no spaces; several counters allowed)."),
    password: passwordSchema.optional().describe("Instance password: 8-16 characters including lowercase and uppercase letters, digits and special characters !@#$%^&*`~()-+=. Give exactly one of password and keyId. Secret."),
    keyId: z.string().min(1, { message: "must not be empty" }).optional().describe("SSH key pair ID, e.g. `key-YWD2QFOl` (not for Windows images). Give exactly one of password and keyId."),
    resourceGroupId: z.string().min(1, { message: "must not be empty" }).optional().describe("Resource group ID; empty means the default resource group."),
    trafficPackageSize: z.number().min(0, { message: "must be at least 0.0 TB" }).optional().describe("Traffic package size in TB, at least 0.0; only with internetChargeType ByTrafficPackage (default: the free package)."),
    internetMaxBandwidthOut: z.number().int({ message: "must be a whole number of Mbps" }).min(1, { message: "must be at least 1 Mbps" }).default(1).describe("Public network bandwidth cap in Mbps, at least 1 (default 1); the cap depends on the instance model."),
    systemDisk: z
      .object({
        diskSize: z
          .number()
          .int({ message: "must be a whole number of GB" })
          .multipleOf(10, { message: "must be a multiple of 10 GB" })
          .min(20, { message: "must be at least 20 GB" })
          .max(1024, { message: "must be at most 1024 GB" })
          .optional()
          .describe("Size in GB, a multiple of 10 GB, at most 1024 GB."),
        diskCategory: z.string().min(1, { message: "must not be empty" }).optional().describe("Disk category, e.g. `Standard NVMe SSD` or `Basic NVMe SSD`."),
      })
      .strict()
      .optional()
      .describe("System disk; when empty its size is the minimum the operating system needs."),
    dataDisks: z
      .array(
        z
          .object({
            diskSize: z
              .number()
              .int({ message: "must be a whole number of GB" })
              .min(20, { message: "must be at least 20 GB" })
              .max(32_768, { message: "must be at most 32768 GB" })
              .describe("Size in GB, 20-32768."),
            diskName: z.string().min(1, { message: "must not be empty" }).optional().describe("Disk name."),
            diskCategory: z.string().min(1, { message: "must not be empty" }).optional().describe("Disk category, e.g. `Standard NVMe SSD`."),
          })
          .strict(),
      )
      .max(10, { message: "must hold at most 10 data disks" })
      .optional()
      .describe("Data disks created with each instance: at most 10, each 20-32768 GB."),
    enableIpv6: z.boolean().optional().describe("Whether to enable public IPv6."),
    enableIpv4: z.boolean().optional().describe("Whether to enable public IPv4 (on unless false); without it an instance is ready once running."),
    cpuPassThrough: z.boolean().optional().describe("Whether CPU passthrough is enabled."),
    initScript: z
      .string()
      .refine((s) => Buffer.byteLength(s, "utf8") <= INIT_SCRIPT_MAX_BYTES, { message: "must be at most 32 KB (32768 bytes)" })
      .optional()
      .describe("Initialisation script, at most 32 KB (UTF-8 bytes). Secret."),
    networkMode: z.enum(["Vf", "Virtio"], { message: "must be Vf or Virtio" }).optional().describe("Network interface mode: `Vf` (VFIO) or `Virtio` (virtio-net)."),
    diskPreAllocated: z.boolean().optional().describe("Pre-allocate disk performance."),
    nic: z
      .object({
        wanName: z.string().min(1, { message: "must not be empty" }).optional().describe("Public (WAN) interface name."),
        lanName: z.string().min(1, { message: "must not be empty" }).optional().describe("Private (LAN) interface name."),
      })
      .strict()
      .optional()
      .describe("Names of the network interfaces."),
    securityGroupId: z.string().min(1, { message: "must not be empty" }).optional().describe("Security group ID; DescribeSecurityGroups lists them."),
    clusterId: z.string().min(1, { message: "must not be empty" }).optional().describe("Bandwidth cluster ID."),
    cidrBlockId: z.string().min(1, { message: "must not be empty" }).optional().describe("CIDR address block the public IPv4 address is assigned from."),
    startCidrIpv4: z.string().regex(IPV4, { message: "must be an IPv4 address such as 103.40.10.8" }).optional().describe("First IPv4 address of the CIDR block to assign from; needs cidrBlockId."),
    marketingOptions: z
      .object({
        discountCode: z.string().optional().describe("Discount code."),
        usePocVoucher: z.boolean().optional().describe("Whether to use a POC voucher."),
      })
      .strict()
      .optional()
      .describe("Marketing campaign information, used at purchase only."),
  })
  .superRefine((args, ctx) => {
    if (args.password !== undefined && args.keyId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["keyId"], message: "password and keyId are mutually exclusive" });
    }
    if (args.password === undefined && args.keyId === undefined) {
      ctx.addIssue({ code: "custom", path: ["password"], message: "one of password or keyId is required" });
    }
    if (args.instanceChargeType === "PREPAID" && args.instanceChargePrepaid === undefined) {
      ctx.addIssue({ code: "custom", path: ["instanceChargePrepaid"], message: "is required when instanceChargeType is PREPAID" });
    }
    if (args.trafficPackageSize !== undefined && args.internetChargeType !== "ByTrafficPackage") {
      ctx.addIssue({ code: "custom", path: ["trafficPackageSize"], message: "is valid only when internetChargeType is ByTrafficPackage" });
    }
    if (args.startCidrIpv4 !== undefined && args.cidrBlockId === undefined) {
      ctx.addIssue({ code: "custom", path: ["startCidrIpv4"], message: "needs cidrBlockId" });
    }
    if (args.region && args.zoneId && !args.zoneId.startsWith(args.region)) {
      ctx.addIssue({ code: "custom", path: ["zoneId"], message: `must be a zone of region ${args.region} (e.g. ${args.region}a)` });
    }
    // Names are expanded only for a count within range: the range rule has already failed otherwise, and a count of
    // a billion would expand a billion names.
    const count = Number.isInteger(args.instanceCount) && args.instanceCount >= 1 && args.instanceCount <= MAX_INSTANCE_COUNT ? args.instanceCount : 1;
    const names = instanceNames(args.instanceName, count);
    if (!names.ok) ctx.addIssue({ code: "custom", path: ["instanceName"], message: names.reason });
  });

/** zenlayerAutoNaming gives every instance of a fleet without instanceName the same generated name (no counters). */
export const zenlayerAutoNaming: AutoNaming = {
  maxLength: MAX_INSTANCE_NAME,
  allowed: /[A-Za-z0-9.-]/,
  named: (inputs) => inputs.instanceName !== undefined,
  fill: (inputs, base) => ({ ...inputs, instanceName: base }),
};

/** ZenlayerInstanceArgs are the inputs of a Zenlayer Instance, as users write them. */
export type ZenlayerInstanceArgs = z.input<typeof zenlayerInstanceSchema>;
