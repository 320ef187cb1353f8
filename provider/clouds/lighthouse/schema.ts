import { z } from "zod";
import { commonShape, regionSchema } from "../../core/commonSchema";
import { OWNERSHIP_TAG_COUNT, userTagsSchema } from "../../core/ownership";
import { snapshotCommonShape } from "../../core/snapshotDriver";
import type { AutoNaming } from "../../core/naming";

/** PERIODS are the subscription lengths CreateInstances accepts, in months. */
export const PERIODS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60];
/** TAG_PATTERN allows letters, digits and spaces in UTF-8 and `+ - = . _ : / @`, Tencent's tag character set. */
const TAG_PATTERN = /^[\p{L}\p{N} +\-=._:/@]*$/u;
/** RESERVED_TAG_PREFIXES are the system tag keys Tencent refuses. */
const RESERVED_TAG_PREFIXES = /^(qcloud|tencent|project)/i;
/** TAG_LIMIT is how many tags CreateInstances takes. */
const TAG_LIMIT = 10;
/** MAX_USER_TAGS leaves room, under the tags CreateInstances takes, for lightfleet's ownership tags. */
const MAX_USER_TAGS = TAG_LIMIT - OWNERSHIP_TAG_COUNT;
/** MAX_INSTANCE_NAME is the longest display name Lighthouse takes. */
const MAX_INSTANCE_NAME = 60;
/** PASSWORD_SPECIALS are the special characters a login password may use. */
const PASSWORD_SPECIALS = "()`~!@#$%^&*-+=_|{}[]:;'<>,.?/";

/** lighthouseRegionSchema is the regions Lighthouse serves (DescribeRegions); the region is the signed `X-TC-Region` header. */
export const lighthouseRegionSchema = regionSchema({
  cloud: "Lighthouse",
  pattern: /^[a-z]{2}-[a-z]+$/,
  known: [
    "ap-guangzhou",
    "ap-beijing",
    "ap-chengdu",
    "ap-chongqing",
    "ap-nanjing",
    "ap-shanghai",
    "ap-hongkong",
    "ap-singapore",
    "ap-tokyo",
    "ap-seoul",
    "ap-bangkok",
    "ap-jakarta",
    "ap-mumbai",
    "eu-frankfurt",
    "eu-moscow",
    "na-siliconvalley",
    "na-ashburn",
    "sa-saopaulo",
  ],
});

/** tagsSchema is Lighthouse's tag rule set, for instances and snapshots alike: at most 8, keys 1-127 and values 1-255 characters of Tencent's tag set. */
export const tagsSchema = userTagsSchema.superRefine((tags, ctx) => {
  const keys = Object.keys(tags);
  if (keys.length > MAX_USER_TAGS) {
    ctx.addIssue({
      code: "custom",
      message: `must have at most ${MAX_USER_TAGS} tags (CreateInstances takes ${TAG_LIMIT} and lightfleet adds ${OWNERSHIP_TAG_COUNT} ownership tags)`,
    });
  }
  for (const key of keys) {
    const value = tags[key];
    if (key.length < 1 || key.length > 127) ctx.addIssue({ code: "custom", path: [key], message: "tag keys must be 1-127 characters" });
    else if (!TAG_PATTERN.test(key)) {
      ctx.addIssue({ code: "custom", path: [key], message: "tag keys may contain only letters, digits, spaces and + - = . _ : / @" });
    } else if (RESERVED_TAG_PREFIXES.test(key)) {
      ctx.addIssue({ code: "custom", path: [key], message: "tag keys must not start with qcloud, tencent or project (reserved by Tencent Cloud)" });
    }
    if (value.length < 1 || value.length > 255) ctx.addIssue({ code: "custom", path: [key], message: "tag values must be 1-255 characters" });
    else if (!TAG_PATTERN.test(value)) {
      ctx.addIssue({ code: "custom", path: [key], message: "tag values may contain only letters, digits, spaces and + - = . _ : / @" });
    }
  }
});

/** passwordIssue states the first rule a login password breaks, or undefined. */
function passwordIssue(p: string): string | undefined {
  if (p.length < 8 || p.length > 30) return "must be 8-30 characters (12-30 for WINDOWS blueprints)";
  if (p.startsWith("/")) return 'must not start with "/"';
  if ([...p].some((c) => !/[A-Za-z0-9]/.test(c) && !PASSWORD_SPECIALS.includes(c))) {
    return `may contain only letters, digits and ${PASSWORD_SPECIALS} (no spaces)`;
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(p)).length + ([...p].some((c) => PASSWORD_SPECIALS.includes(c)) ? 1 : 0);
  if (classes < 3) return "must mix at least three of: lower-case letters, upper-case letters, digits, special characters";
  return undefined;
}

/** Monthly subscription of the instances (every Lighthouse instance is prepaid). */
const chargePrepaidSchema = z
  .object({
    period: z.number().int({ message: "must be a whole number of months" }).refine((n) => PERIODS.includes(n), {
      message: `must be one of ${PERIODS.join(", ")} (months)`,
    })
      .describe("Subscription length in months: 1-12, 24, 36, 48 or 60."),
    renewFlag: z
      .enum(["NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW", "DISABLE_NOTIFY_AND_MANUAL_RENEW"], {
        message: "must be NOTIFY_AND_AUTO_RENEW, NOTIFY_AND_MANUAL_RENEW or DISABLE_NOTIFY_AND_MANUAL_RENEW",
      })
      .default("NOTIFY_AND_MANUAL_RENEW")
      .describe("Auto-renewal: `NOTIFY_AND_AUTO_RENEW` (notify and renew monthly while the balance allows), `NOTIFY_AND_MANUAL_RENEW` (notify only; the default) or `DISABLE_NOTIFY_AND_MANUAL_RENEW` (neither)."),
  })
  .strict();

/** How users log in to the instances. Omitted: the password is set after creation. */
const loginConfigurationSchema = z
  .object({
    autoGeneratePassword: z.enum(["YES", "NO"], { message: "must be YES or NO" }).optional().describe("`YES`: generate a password (then give no `password`); `NO`: use `password` (or `keyIds`)."),
    password: z.string().optional().describe("The login password (secret). Lighthouse accepts a password at creation only for WINDOWS blueprints: 12-30 characters, no spaces, not starting with `/`, at least three of lower-case, upper-case, digits and ``()`~!@#$%^&*-+=_|{}[]:;'<>,.?/``. LINUX_UNIX blueprints log in with `keyIds`."),
    keyIds: z
      .array(z.string().regex(/^lhkp-[a-z0-9]{8}$/, { message: 'must be a key pair id such as "lhkp-1a2b3c4d"' }))
      .max(5, { message: "must have at most 5 key ids" })
      .optional()
      .describe("Up to 5 key pair ids (`lhkp-...`) to log in with; not with `password`, not on WINDOWS blueprints."),
  })
  .strict()
  .superRefine((l, ctx) => {
    if (l.password !== undefined) {
      const issue = passwordIssue(l.password);
      if (issue) ctx.addIssue({ code: "custom", path: ["password"], message: issue });
    }
    if (l.password !== undefined && l.keyIds?.length) ctx.addIssue({ code: "custom", path: ["keyIds"], message: "password and keyIds are mutually exclusive" });
    if (l.autoGeneratePassword === "YES" && l.password !== undefined) {
      ctx.addIssue({ code: "custom", path: ["password"], message: 'must not be set when autoGeneratePassword is "YES"' });
    }
    if (l.autoGeneratePassword === "NO" && l.password === undefined && !l.keyIds?.length) {
      ctx.addIssue({ code: "custom", path: ["password"], message: 'is required when autoGeneratePassword is "NO" (or give keyIds)' });
    }
  });

const portSchema = z.number().int().min(1, { message: "must be a port 1-65535" }).max(65535, { message: "must be a port 1-65535" });

/** One Docker container to start on each instance (Docker blueprints only). */
const containerSchema = z
  .object({
    containerImage: z.string().min(1, { message: "is required" }).describe("The container image, e.g. `nginx:1.27`."),
    containerName: z.string().min(1, { message: "must not be empty" }).optional().describe("The container's name."),
    envs: z.array(z.object({ key: z.string().min(1, { message: "is required" }).describe("The variable's name."), value: z.string().describe("The variable's value.") }).strict()).optional().describe("Environment variables."),
    publishPorts: z
      .array(
        z
          .object({
            hostPort: portSchema.describe("The host port."),
            containerPort: portSchema.describe("The container port."),
            ip: z.ipv4({ message: "must be an IPv4 address" }).optional().describe("The address to bind on the host (default 0.0.0.0)."),
            protocol: z.enum(["tcp", "udp", "sctp"], { message: "must be tcp, udp or sctp" }).optional().describe("`tcp` (default), `udp` or `sctp`."),
          })
          .strict(),
      )
      .optional()
      .describe("Host-to-container port mappings."),
    volumes: z
      .array(
        z
          .object({
            containerPath: z.string().startsWith("/", { message: 'must be an absolute path starting with "/"' }).describe("The path inside the container."),
            hostPath: z.string().optional().describe("The path on the host."),
          })
          .strict(),
      )
      .optional()
      .describe("Host directories mounted into the container."),
    command: z.string().optional().describe("The command to run."),
    restartPolicy: z.string().regex(/^(no|always|on-failure(:\d+)?)$/, { message: "must be no, always, on-failure or on-failure:N" }).optional().describe("`no` (default), `on-failure`, `on-failure:N` or `always`."),
  })
  .strict();

/**
 * lighthouseInstanceSchema is the Tencent Cloud Lighthouse variant of the Instance inputs: the CreateInstances
 * parameters (API 2020-03-24) in camelCase, with every rule the API document states, plus the common fields.
 */
export const lighthouseInstanceSchema = z
  .object({
    cloud: z.literal("lighthouse").describe("Selects the Tencent Cloud Lighthouse variant."),
    ...commonShape,
    region: lighthouseRegionSchema.describe("The Lighthouse region, e.g. `ap-guangzhou`."),
    tags: tagsSchema.optional().describe("Tags put on every instance: at most 8 (CreateInstances takes 10 and lightfleet adds two ownership tags); keys 1-127 and values 1-255 letters, digits, spaces or `+ - = . _ : / @`; keys must not start with `qcloud`, `tencent` or `project`."),
    bundleId: z.string().min(1, { message: "is required: a bundle id such as bundle_gen_03 (see DescribeBundles)" }).describe("The bundle (plan) id, e.g. `bundle_gen_03`; DescribeBundles lists them."),
    blueprintId: z.string().regex(/^lhbp-[a-z0-9]{8}$/, { message: 'must be a blueprint id such as "lhbp-g0tn7djh" (see DescribeBlueprints)' }).describe("The image (blueprint) id, e.g. `lhbp-g0tn7djh`; DescribeBlueprints lists them."),
    instanceChargePrepaid: chargePrepaidSchema.describe("Monthly subscription: the period in months and the auto-renewal setting."),
    instanceName: z.string().min(1, { message: "must be 1-60 characters" }).max(MAX_INSTANCE_NAME, { message: "must be 1-60 characters" }).optional().describe("The display name of every instance: at most 60 characters. Default `<resource name>-<7 random characters>`, kept across updates."),
    instanceCount: z
      .number()
      .int({ message: "must be a whole number" })
      .min(1, { message: "must be 1-30" })
      .max(30, { message: "must be 1-30" })
      .default(1)
      .describe("How many instances to create: 1-30 (default 1), within the account's remaining quota."),
    zones: z.array(z.string().min(1, { message: "must not be empty" })).optional().describe("Availability zones of the region to pick from, e.g. `ap-guangzhou-3`; a random zone by default."),
    loginConfiguration: loginConfigurationSchema.optional().describe("How users log in; password login at creation is for WINDOWS blueprints only."),
    firewallTemplateId: z.string().min(1, { message: "must not be empty" }).optional().describe("A firewall template id to apply; the default firewall policy when omitted."),
    containers: z.array(containerSchema).optional().describe("Docker containers to start on each instance (Docker blueprints only)."),
    autoVoucher: z.boolean().default(false).describe("Whether to use vouchers automatically (default false)."),
  })
  .strict()
  .superRefine((a, ctx) => {
    (a.zones ?? []).forEach((zone, i) => {
      if (!zone.startsWith(`${a.region}-`)) {
        ctx.addIssue({ code: "custom", path: ["zones", i], message: `must be a zone of region ${a.region} (e.g. ${a.region}-3)` });
      }
    });
  });

/** lighthouseAutoNaming gives every instance of a fleet without instanceName the same generated display name. */
export const lighthouseAutoNaming: AutoNaming = {
  maxLength: MAX_INSTANCE_NAME,
  allowed: /[\p{L}\p{N}_.-]/u,
  named: (inputs) => inputs.instanceName !== undefined,
  fill: (inputs, base) => ({ ...inputs, instanceName: base }),
};

/** LighthouseInstanceArgs are the inputs of a Lighthouse Instance, as users write them. */
export type LighthouseInstanceArgs = z.input<typeof lighthouseInstanceSchema>;

/** LighthouseInstanceInputs are the inputs after validation, with defaults applied. */
export type LighthouseInstanceInputs = z.output<typeof lighthouseInstanceSchema>;

/** lighthouseSnapshotSchema is the InstanceSnapshot input on Lighthouse: CreateInstanceSnapshot's parameters. */
export const lighthouseSnapshotSchema = z.strictObject({
  cloud: z.literal("lighthouse").describe("Selects the Tencent Cloud Lighthouse variant."),
  ...snapshotCommonShape,
  region: lighthouseRegionSchema.describe("The Lighthouse region, e.g. `ap-guangzhou`."),
  instanceId: z.string().regex(/^lhins-[a-z0-9]{8}$/, { message: 'must be an instance id such as "lhins-0f71373n"' }).describe("The instance to snapshot (`lhins-...`)."),
  snapshotName: z.string().min(1, { message: "must be 1-60 characters" }).max(60, { message: "must be 1-60 characters" }).optional().describe("The snapshot's display name: at most 60 characters."),
  tags: tagsSchema.optional().describe("Tags for the snapshot (Lighthouse's tag rules)."),
});

/** LighthouseSnapshotArgs are the InstanceSnapshot inputs on Lighthouse. */
export type LighthouseSnapshotArgs = z.input<typeof lighthouseSnapshotSchema>;
