import { z } from "zod";
import { commonShape, regionSchema } from "../../core/commonSchema";
import type { AutoNaming } from "../../core/naming";

/** Characters a coc-vm password may hold: digits, letters and the seed's specials `!@$%^-_=+[{}]:,./?`. */
const ALLOWED = /^[0-9A-Za-z!@$%^\-_=+[{}\]:,./?]*$/;
const UPPER_OR_SPECIAL = /[A-Z!@$%^\-_=+[{}\]:,./?]/;

/** Sequences no three consecutive characters of which may appear, forwards or backwards (case-insensitive). */
const SEQUENCES = [
  "0123456789",
  "abcdefghijklmnopqrstuvwxyz",
  // keyboard rows and columns ("qwer", "qaz")
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "qaz",
  "wsx",
  "edc",
  "rfv",
  "tgb",
  "yhn",
  "ujm",
];

function containsTriple(text: string, sequence: string): boolean {
  const reversed = [...sequence].reverse().join("");
  for (const seq of [sequence, reversed])
    for (let i = 0; i + 3 <= seq.length; i++) if (text.includes(seq.slice(i, i + 3))) return true;
  return false;
}

/**
 * passwordRuleBroken returns the rule of the createInstances seed that a password breaks, worded for the user, or
 * undefined when it follows them all.
 */
export function passwordRuleBroken(password: string): string | undefined {
  if (password.length < 8 || password.length > 26) return "must be 8-26 characters";
  if (!ALLOWED.test(password)) return "may contain only digits, letters and the special characters !@$%^-_=+[{}]:,./?";
  if (!/[0-9]/.test(password) || !/[a-z]/.test(password) || !UPPER_OR_SPECIAL.test(password))
    return "must contain a digit, a lower-case letter, and an upper-case letter or a special character";
  const lower = password.toLowerCase();
  if (containsTriple(lower, SEQUENCES[0])) return "must not contain consecutive digits such as 123 or 987";
  if (containsTriple(lower, SEQUENCES[1])) return "must not contain consecutive letters such as abc or CBA";
  if (SEQUENCES.slice(2).some((s) => containsTriple(lower, s))) return "must not contain adjacent keyboard keys such as qaz or qwer";
  if (lower.includes("root") || lower.includes("toor")) return 'must not contain "root" or its reverse';
  if (containsTriple(lower, "administrator")) return 'must not contain "Administrator", its reverse, or any three consecutive characters of it';
  return undefined;
}

/** jdcloudRegionSchema is the regions coc-vm serves; the region is a segment of every URL path (`/v1/regions/{regionId}/...`). */
export const jdcloudRegionSchema = regionSchema({
  cloud: "JD Cloud",
  pattern: /^[a-z]{2}-[a-z]+-\d+$/,
  known: ["cn-north-1", "cn-east-1", "cn-east-2", "cn-south-1"],
});

/** A required, non-empty string whose absence is reported as "is required". */
function requiredString() {
  return z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be a string") })
    .min(1, { message: "must not be empty" });
}

function integer(min: number, max: number, unit = "") {
  return z
    .number({ error: (iss) => (iss.input === undefined ? "is required" : "must be a number") })
    .int({ message: "must be a whole number" })
    .min(min, { message: `must be ${min}-${max}${unit}` })
    .max(max, { message: `must be ${min}-${max}${unit}` });
}

const NAME_CHARS = /^[\u4e00-\u9fa5A-Za-z0-9_\-.]*$/;
/** MAX_NAME is the longest instance name coc-vm takes. */
const MAX_NAME = 64;

const chargeUnit = z.enum(["month", "year"], { message: 'must be "month" or "year"' });

/** ChargeSpec: how a prepaid instance is billed (coc-vm has no pay-by-usage). */
const chargeSchema = z.strictObject({
  chargeMode: z.enum(["prepaid_by_duration"], { message: 'must be "prepaid_by_duration" (coc-vm has no pay-by-usage)' }).default("prepaid_by_duration").describe("Billing mode; only `prepaid_by_duration` (prepaid) exists. Default `prepaid_by_duration`."),
  chargeUnit: chargeUnit.default("month").describe("Prepaid unit: `month` or `year`. Default `month`."),
  chargeDuration: z.number({ message: "must be a number" }).int({ message: "must be a whole number" }).default(1).describe("Prepaid length: 1-9 months or 1-3 years. Default 1."),
  autoRenew: z.boolean({ message: "must be true or false" }).default(false).describe("Renew automatically on expiry. Default false."),
});

/** InstanceDiskAttachmentSpec: one cloud disk. */
function diskSchema(min: number, max: number) {
  return z.strictObject({
    diskType: requiredString().describe("Cloud disk type, e.g. `ssd.gp1` (general-purpose SSD), `ssd.io1` (performance SSD), `hdd.std1` (capacity HDD)."),
    diskSizeGB: integer(min, max, " GiB").optional().describe("Size in GiB."),
  });
}

/** ElasticIpSpec: a public IP (EIP) created and bound with the instance. */
const elasticIpSchema = z.strictObject({
  sizeMbps: integer(1, 200, " Mbps").describe("Bandwidth cap in Mbps: 1-200."),
  provider: z.literal("bgp", { message: 'must be "bgp" (the only line coc-vm sells)' }).describe("Line; only `bgp`."),
  chargeMode: z.enum(["prepaid_by_duration"], { message: 'must be "prepaid_by_duration"' }).optional().describe("Only `prepaid_by_duration`, the same as the instance."),
  chargePlan: z.enum(["bandwidth"], { message: 'must be "bandwidth"' }).optional().describe("Only `bandwidth` (billed by bandwidth)."),
  chargeUnit: chargeUnit.optional().describe("Prepaid unit; must equal the instance's."),
  chargeDuration: z.number({ message: "must be a number" }).int({ message: "must be a whole number" }).optional().describe("Prepaid length; must equal the instance's (1-9 months or 1-3 years)."),
});

/** NetworkInterfaceSpec: the primary network interface. */
const networkInterfaceSchema = z.strictObject({
  vpcId: requiredString().describe("VPC id."),
  subnetId: requiredString().describe("Subnet id (in that VPC)."),
  ip: z.ipv4({ message: "must be an IPv4 address" }).optional().describe("Fixed primary private IPv4; assigned from the subnet when absent. Needs maxCount 1."),
  securityGroups: z
    .array(
      z.strictObject({
        groupId: requiredString().describe("Security group id."),
        groupName: z.string().optional().describe("Security group name."),
      }),
      { message: "is required: a list of 1-5 security groups" },
    )
    .min(1, { message: "must list 1-5 security groups" })
    .max(5, { message: "must list 1-5 security groups" })
    .describe("Security groups, 1-5."),
});

/** InstanceSpec: the configuration of every instance of the fleet. */
const instanceSpecSchema = z.strictObject({
  az: requiredString().describe("Availability zone, inside the region (e.g. `cn-north-1a`)."),
  instanceType: requiredString().describe("Instance type, e.g. `g.n2.large` (see DescribeInstanceTypes)."),
  imageId: requiredString().describe("Image id (see DescribeImages)."),
  name: z
    .string({ error: "must be a string" })
    .min(1, { message: "must be 1-64 characters" })
    .max(MAX_NAME, { message: "must be 1-64 characters" })
    .regex(NAME_CHARS, { message: "may contain only Chinese characters, digits, letters, _, - and ." })
    .refine((n) => !n.startsWith(".") && !n.endsWith("."), { message: 'must not start or end with "."' })
    .optional()
    .describe("Instance name: 1-64 characters of Chinese, digits, letters, `_`, `-`, `.`; not starting or ending with `.`. Default `<resource name>-<7 random characters>`, kept across updates."),
  description: z.string().max(256, { message: "must be at most 256 characters" }).optional().describe("Description, 0-256 characters. Not in the createInstances table of the seed: coc-vm accepts it as the classic VM service does and changes it in place with modifyInstanceAttribute."),
  password: z
    .string()
    .superRefine((pw, ctx) => {
      const broken = passwordRuleBroken(pw);
      if (broken) ctx.addIssue({ code: "custom", message: broken });
    })
    .optional()
    .describe("Login password for SSH and VNC: 8-26 characters with a digit, a lower-case letter and an upper-case letter or one of `!@$%^-_=+[{}]:,./?`; no consecutive digits or letters (123, 987, abc, CBA), no adjacent keys (qaz, qwer), not \"Administrator\" or \"root\" or their reverses, nor three consecutive characters of \"Administrator\". Exclusive with keyName. Secret."),
  keyName: z.string().min(1, { message: "must not be empty" }).optional().describe("SSH key pair name (Linux only, one key). Exclusive with password; required when passwordAuth is `no`."),
  passwordAuth: z.enum(["yes", "no"], { message: 'must be "yes" or "no"' }).default("yes").describe("Allow SSH password login: `yes` (default; without a password one is generated and sent by SMS and mail) or `no`."),
  elasticIpSpec: elasticIpSchema.optional().describe("Public IP to create and bind."),
  primaryNetworkInterface: networkInterfaceSchema.describe("Primary network interface."),
  systemDisk: diskSchema(40, 500).describe("System disk; size 40-500 GiB."),
  dataDisks: z
    .array(diskSchema(20, 16000).refine((d) => d.diskSizeGB === undefined || d.diskSizeGB % 10 === 0, { message: "diskSizeGB must be a multiple of 10", path: ["diskSizeGB"] }))
    .max(8, { message: "must list at most 8 data disks" })
    .optional()
    .describe("Data disks (at most 8; the instance type may allow fewer); size 20-16000 GiB in steps of 10."),
  charge: chargeSchema.optional().describe("Billing; prepaid by the month when absent."),
});

function durationRule(unit: "month" | "year", duration: number): string | undefined {
  const max = unit === "month" ? 9 : 3;
  return duration < 1 || duration > max ? `must be 1-${max} when chargeUnit is ${unit}` : undefined;
}

/** jdcloudInstanceSchema is the Instance input of JD Cloud coc-vm: its createInstances request plus the common fields. */
export const jdcloudInstanceSchema = z
  .strictObject({
    cloud: z.literal("jdcloud").describe("Selects JD Cloud partner-cloud VMs (coc-vm)."),
    ...commonShape,
    region: jdcloudRegionSchema.describe("The region, e.g. `cn-north-1`."),
    tags: z
      .record(z.string(), z.string())
      .optional()
      .refine((t) => t === undefined || Object.keys(t).length === 0, { message: "coc-vm has no tags: remove tags" })
      .describe("coc-vm has no tags: leave empty. Instances are tracked by id and by the idempotency token."),
    instanceSpec: instanceSpecSchema.describe("Instance configuration."),
    maxCount: integer(1, 100).default(1).describe("How many instances: 1-100 (within the quota). Must be 1 when a fixed private IP is given. Default 1."),
  })
  // Cross-field rules run even when other fields failed, so that check reports every failure at once; they
  // therefore read the value defensively.
  .superRefine(
    (args, ctx) => {
      const spec: Partial<z.output<typeof instanceSpecSchema>> = typeof args.instanceSpec === "object" && args.instanceSpec ? args.instanceSpec : {};
      const region = typeof args.region === "string" ? args.region : "";
      if (typeof spec.az === "string" && region !== "" && !spec.az.startsWith(region))
        ctx.addIssue({ code: "custom", path: ["instanceSpec", "az"], message: `must be a zone of region ${region} (e.g. ${region}a)` });
      if (spec.password !== undefined && spec.keyName !== undefined)
        ctx.addIssue({ code: "custom", path: ["instanceSpec", "keyName"], message: "password and keyName are mutually exclusive" });
      if (spec.passwordAuth === "no" && spec.keyName === undefined)
        ctx.addIssue({ code: "custom", path: ["instanceSpec", "keyName"], message: 'is required when passwordAuth is "no"' });
      if (spec.primaryNetworkInterface?.ip !== undefined && args.maxCount !== undefined && args.maxCount !== 1)
        ctx.addIssue({ code: "custom", path: ["maxCount"], message: "must be 1 when instanceSpec.primaryNetworkInterface.ip is set" });
      const unit = spec.charge?.chargeUnit === "year" ? "year" : "month";
      const duration = typeof spec.charge?.chargeDuration === "number" ? spec.charge.chargeDuration : 1;
      const chargeProblem = durationRule(unit, duration);
      if (chargeProblem) ctx.addIssue({ code: "custom", path: ["instanceSpec", "charge", "chargeDuration"], message: chargeProblem });
      const eip = spec.elasticIpSpec;
      if (eip?.chargeUnit !== undefined && eip.chargeUnit !== unit)
        ctx.addIssue({ code: "custom", path: ["instanceSpec", "elasticIpSpec", "chargeUnit"], message: `must equal the instance's chargeUnit (${unit})` });
      if (typeof eip?.chargeDuration === "number") {
        const eipProblem = durationRule(eip.chargeUnit ?? unit, eip.chargeDuration);
        if (eipProblem) ctx.addIssue({ code: "custom", path: ["instanceSpec", "elasticIpSpec", "chargeDuration"], message: eipProblem });
        else if (eip.chargeDuration !== duration)
          ctx.addIssue({ code: "custom", path: ["instanceSpec", "elasticIpSpec", "chargeDuration"], message: `must equal the instance's chargeDuration (${duration})` });
      }
    },
    { when: () => true },
  );

/** jdcloudAutoNaming gives every instance of a fleet without instanceSpec.name the same generated name. */
export const jdcloudAutoNaming: AutoNaming = {
  maxLength: MAX_NAME,
  allowed: /[\u4e00-\u9fa5A-Za-z0-9_.-]/,
  named: (inputs) => (inputs.instanceSpec as { name?: unknown } | undefined)?.name !== undefined,
  fill: (inputs, base) =>
    typeof inputs.instanceSpec === "object" && inputs.instanceSpec !== null ? { ...inputs, instanceSpec: { ...inputs.instanceSpec, name: base } } : inputs,
};

/** JdcloudInstanceArgs are the inputs of a JD Cloud coc-vm Instance (`cloud: "jdcloud"`). */
export type JdcloudInstanceArgs = z.input<typeof jdcloudInstanceSchema>;
