import { z } from "zod";
import { commonShape, regionSchema } from "../../core/commonSchema";
import { OWNERSHIP_TAG_COUNT, userTagsSchema } from "../../core/ownership";
import { snapshotCommonShape } from "../../core/snapshotDriver";
import type { AutoNaming } from "../../core/naming";

/** NAME_PATTERN is Lightsail's resource name rule `\w[\w\-]*\w`. */
const NAME_PATTERN = /^\w[\w-]*\w$/;
/** TAG_PATTERN allows letters, numbers and spaces in UTF-8 and `+ - = . _ : / @`. */
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}+\-=._:/@]*$/u;
/** TAG_LIMIT is how many tags Lightsail allows a resource. */
const TAG_LIMIT = 50;
/** MAX_USER_TAGS leaves room, under Lightsail's limit, for lightfleet's ownership tags. */
const MAX_USER_TAGS = TAG_LIMIT - OWNERSHIP_TAG_COUNT;

/** lightsailRegionSchema is the Lightsail regions (GetRegions), each in the SDK's endpoint data as `lightsail.{region}.amazonaws.com`. */
export const lightsailRegionSchema = regionSchema({
  cloud: "Lightsail",
  pattern: /^[a-z]{2}(-[a-z]+)+-\d$/,
  known: [
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "ca-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-north-1",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-northeast-1",
    "ap-northeast-2",
  ],
});

/** required words the error of a missing or mistyped required field. */
export const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `is required: ${what}` : `must be ${what}`;

/** nameSchema is Lightsail's resource name rule, for instances and snapshots alike. */
export const nameSchema = (what: string) =>
  z
    .string()
    .min(2, { message: `${what} must be 2-255 characters` })
    .max(255, { message: `${what} must be 2-255 characters` })
    .regex(NAME_PATTERN, {
      message: `${what} must use only letters, numbers, underscores and hyphens, and start and end with a letter, number or underscore`,
    });

/** The tags of a Lightsail resource: at most 48 (50 less lightfleet's two), keys 1-128, values up to 256 characters. */
export const tagsSchema = userTagsSchema.superRefine((tags, ctx) => {
  const keys = Object.keys(tags);
  if (keys.length > MAX_USER_TAGS) {
    ctx.addIssue({
      code: "custom",
      message: `must have at most ${MAX_USER_TAGS} tags (Lightsail allows ${TAG_LIMIT} a resource and lightfleet adds ${OWNERSHIP_TAG_COUNT} ownership tags)`,
    });
  }
  for (const key of keys) {
    const value = tags[key];
    if (key.length < 1 || key.length > 128) ctx.addIssue({ code: "custom", path: [key], message: "tag keys must be 1-128 characters" });
    else if (!TAG_PATTERN.test(key)) {
      ctx.addIssue({ code: "custom", path: [key], message: "tag keys may contain only letters, numbers, spaces and + - = . _ : / @" });
    }
    if (value.length > 256) ctx.addIssue({ code: "custom", path: [key], message: "tag values must be at most 256 characters" });
    else if (!TAG_PATTERN.test(value)) {
      ctx.addIssue({ code: "custom", path: [key], message: "tag values may contain only letters, numbers, spaces and + - = . _ : / @" });
    }
  }
});

/** One add-on to enable on every instance. */
const addOnSchema = z
  .object({
    addOnType: z.enum(["AutoSnapshot", "StopInstanceOnIdle"], { message: "must be AutoSnapshot or StopInstanceOnIdle" }).describe("The add-on type: `AutoSnapshot` (daily snapshots) or `StopInstanceOnIdle` (Lightsail for Research only)."),
    autoSnapshotAddOnRequest: z
      .object({
        snapshotTimeOfDay: z
          .string()
          .regex(/^([01]\d|2[0-3]):00$/, { message: "must match HH:00 (hourly, UTC), e.g. 06:00" })
          .optional()
          .describe("The daily time when an automatic snapshot is created: `HH:00` format, in an hourly increment, in UTC. The snapshot is created between that time and up to 45 minutes after."),
      })
      .strict()
      .optional()
      .describe("Parameters of the automatic snapshot add-on."),
    stopInstanceOnIdleRequest: z
      .object({
        threshold: z.string().regex(/^\d+(\.\d+)?$/, { message: "must be a number" }).optional().describe("The value to compare with the duration."),
        duration: z.string().regex(/^\d+$/, { message: "must be a whole number of minutes" }).optional().describe("The amount of idle time in minutes after which the instance automatically stops."),
      })
      .strict()
      .optional()
      .describe("Parameters of the StopInstanceOnIdle add-on (Lightsail for Research resources only)."),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.autoSnapshotAddOnRequest && a.addOnType !== "AutoSnapshot") {
      ctx.addIssue({ code: "custom", path: ["autoSnapshotAddOnRequest"], message: "is allowed only with addOnType AutoSnapshot" });
    }
    if (a.stopInstanceOnIdleRequest && a.addOnType !== "StopInstanceOnIdle") {
      ctx.addIssue({ code: "custom", path: ["stopInstanceOnIdleRequest"], message: "is allowed only with addOnType StopInstanceOnIdle" });
    }
  });

/**
 * lightsailInstanceSchema is the Instance input of the `lightsail` variant: the CreateInstances parameters (plus
 * `sourceSnapshotName` for CreateInstancesFromSnapshot) and the common fields, with every rule of the API document.
 */
export const lightsailInstanceSchema = z
  .strictObject({
    cloud: z.literal("lightsail").describe("Selects the AWS Lightsail variant."),
    ...commonShape,
    region: lightsailRegionSchema.describe("The Lightsail region, e.g. `us-east-1`."),
    tags: tagsSchema.optional().describe("Tags put on every instance: at most 48 (Lightsail allows 50 and lightfleet adds two ownership tags); keys up to 128 and values up to 256 letters, numbers, spaces in UTF-8, or `+ - = . _ : / @`."),
    instanceNames: z
      .array(nameSchema("instance names"), { error: required("a list of instance names such as [\"web-1\"]") })
      .min(1, { message: "must list at least one instance name" })
      .optional()
      .describe("The names of the instances, which are also their ids (unique in the region), e.g. `[\"web-1\", \"web-2\"]`. Adding or removing names grows or shrinks the fleet in place. Without it, the instances are named `<resource name>-<7 random characters>-1`, `-2`... (kept across updates), `instanceCount` of them."),
    instanceCount: z.number({ message: "must be a number" }).int({ message: "must be a whole number" }).min(1, { message: "must be at least 1" }).optional().describe("How many instances to create with generated names when `instanceNames` is not given (default 1)."),
    availabilityZone: z
      .string({ error: required("an Availability Zone such as us-east-1a") })
      .regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, { message: "must be an Availability Zone such as us-east-1a" })
      .describe("The Availability Zone in which to create the instances, e.g. `us-east-2a` (case sensitive); it must be in `region`."),
    blueprintId: z.string({ error: required("a blueprint ID such as ubuntu_24_04") }).min(1, { message: "is required, e.g. ubuntu_24_04" }).describe("The ID of the image (blueprint), e.g. `ubuntu_24_04`, `amazon_linux_2023`, `wordpress`; GetBlueprints lists them. Use active blueprints. Ignored (taken from the snapshot) when `sourceSnapshotName` is set."),
    bundleId: z.string({ error: required("a bundle ID such as nano_3_0") }).min(1, { message: "is required, e.g. nano_3_0" }).describe("The bundle (plan) of the instances, including its price, e.g. `nano_3_0`, `medium_3_0`."),
    userData: z.string().optional().describe("A launch script that configures the server, e.g. `apt-get -y update`. Kept secret. The command to get software varies by image: Amazon Linux and CentOS use `yum`, Debian and Ubuntu `apt-get`, FreeBSD `pkg`."),
    keyPairName: nameSchema("keyPairName").optional().describe("The name of your key pair."),
    addOns: z.array(addOnSchema).optional().describe("The add-ons to enable on the new instances; an additional cost may apply."),
    ipAddressType: z.enum(["dualstack", "ipv4", "ipv6"], { message: "must be dualstack, ipv4 or ipv6" }).default("dualstack").describe("The IP address type: `ipv4` (IPv4 only), `ipv6` (IPv6 only) or `dualstack` (both; the default)."),
    sourceSnapshotName: nameSchema("sourceSnapshotName").optional().describe("The name of an available instance snapshot to create the instances from (CreateInstancesFromSnapshot). The bundle must be the same size as the snapshot's source bundle or larger."),
  })
  // The cross-field rules run even when other fields failed (`when`), so check reports every failure at once; they
  // therefore read the raw values defensively.
  .superRefine(
    (args, ctx) => {
      if (args.instanceNames !== undefined && args.instanceCount !== undefined) {
        ctx.addIssue({ code: "custom", path: ["instanceCount"], message: "give instanceNames or instanceCount, not both (instanceNames sets the fleet size)" });
      }
      if (args.instanceNames === undefined && args.instanceCount === undefined) {
        ctx.addIssue({ code: "custom", path: ["instanceNames"], message: 'is required: a list of instance names such as ["web-1"], or instanceCount' });
      }
      const names: unknown[] = Array.isArray(args.instanceNames) ? args.instanceNames : [];
      const seen = new Set<unknown>();
      names.forEach((name, i) => {
        if (seen.has(name)) ctx.addIssue({ code: "custom", path: ["instanceNames", i], message: `must be unique: ${String(name)} is listed twice` });
        seen.add(name);
      });
      const zone: unknown = args.availabilityZone;
      const region: unknown = args.region;
      if (typeof zone === "string" && typeof region === "string" && region !== "" && !zone.startsWith(region)) {
        ctx.addIssue({ code: "custom", path: ["availabilityZone"], message: `must be in region ${region} (e.g. ${region}a), not ${zone}` });
      }
      const addOns: unknown[] = Array.isArray(args.addOns) ? args.addOns : [];
      const types = new Set<unknown>();
      addOns.forEach((a, i) => {
        const type = (a as { addOnType?: unknown } | undefined)?.addOnType;
        if (type === undefined) return;
        if (types.has(type)) ctx.addIssue({ code: "custom", path: ["addOns", i, "addOnType"], message: `must be unique: ${String(type)} is listed twice` });
        types.add(type);
      });
    },
    { when: () => true },
  );

/**
 * lightsailAutoNaming names a fleet without instanceNames `<base>-1`, `-2`...: the base leaves room within the 255
 * characters for a fleet of up to a billion, and the count given moves into the names, which set the fleet size.
 */
export const lightsailAutoNaming: AutoNaming = {
  maxLength: 255 - 11,
  allowed: /[\w-]/,
  named: (inputs) => inputs.instanceNames !== undefined,
  fill(inputs, base) {
    const count = inputs.instanceCount ?? 1;
    // A count that is not a valid number (or not known yet) stays for the schema to report or a later check to read.
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1) return inputs;
    const rest = { ...inputs };
    delete rest.instanceCount;
    return { ...rest, instanceNames: Array.from({ length: count }, (_, i) => `${base}-${i + 1}`) };
  },
};

/** LightsailInstanceArgs are the inputs of a Lightsail Instance, as users write them. */
export type LightsailInstanceArgs = z.input<typeof lightsailInstanceSchema>;

/** LightsailInstanceInputs are the inputs after validation, with defaults applied. */
export type LightsailInstanceInputs = z.output<typeof lightsailInstanceSchema>;

/** lightsailSnapshotSchema is the InstanceSnapshot input on Lightsail: CreateInstanceSnapshot's parameters. */
export const lightsailSnapshotSchema = z.strictObject({
  cloud: z.literal("lightsail").describe("Selects the AWS Lightsail variant."),
  ...snapshotCommonShape,
  region: lightsailRegionSchema.describe("The Lightsail region, e.g. `us-east-1`."),
  instanceSnapshotName: nameSchema("snapshot names").describe("The name for the new snapshot (unique in the region)."),
  instanceName: z.string({ error: required("the name of the instance to snapshot") }).min(1, { message: "is required: the name of the instance to snapshot" }).describe("The instance to snapshot (its name, which is its id on Lightsail)."),
  tags: tagsSchema.optional().describe("Tags for the snapshot: keys up to 128 and values up to 256 letters, numbers, spaces or `+ - = . _ : / @`."),
});

/** LightsailSnapshotArgs are the InstanceSnapshot inputs on Lightsail. */
export type LightsailSnapshotArgs = z.input<typeof lightsailSnapshotSchema>;
