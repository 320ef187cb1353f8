import { z } from "zod";
import type { CloudName } from "./types";
import { engineTimeout, type TimedOperation } from "./engineTimeouts";

const DURATION = /^(?=\d)(\d+h)?(\d+m)?(\d+s)?$/;

/** durationSchema accepts Go-style durations longer than zero, such as `90s`, `10m`, `1h30m`. */
export const durationSchema = z.string().superRefine((text, ctx) => {
  if (!DURATION.test(text)) ctx.addIssue({ code: "custom", message: 'must be a duration such as "90s", "10m" or "1h30m"' });
  // A zero time limit would fail every operation before its first call.
  else if (parseDuration(text) === 0) ctx.addIssue({ code: "custom", message: 'must be longer than zero, such as "90s" or "10m"' });
});

/** parseDuration turns a duration string into milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === "") throw new Error(`not a duration: ${text}`);
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** timeoutsSchema is the resource's own timeouts (the engine's customTimeouts never reach dynamic providers). */
export const timeoutsSchema = z
  .object({
    create: durationSchema.optional().describe("How long create may take, waiting included (default 20m)."),
    update: durationSchema.optional().describe("How long an update may take (default 20m)."),
    delete: durationSchema.optional().describe("How long delete may take (default 20m)."),
  })
  .strict();

/** Timeouts are the resource's own create/update/delete time limits. */
export type Timeouts = z.infer<typeof timeoutsSchema>;

/** DEFAULT_TIMEOUT_MS applies when `timeouts` does not name the operation. */
export const DEFAULT_TIMEOUT_MS = 20 * 60 * 1000;

/**
 * commonShape holds the inputs every cloud variant has besides its CreateInstances parameters. Each cloud spreads
 * it into its own `z.object` and narrows `tags` to its rules.
 */
export const commonShape = {
  region: z.string().min(1, { message: "is required" }).describe("The cloud region, e.g. `us-east-1`, `ap-guangzhou`, `asia-southeast-1`, `cn-north-1`."),
  tags: z.record(z.string(), z.string()).optional().describe("Tags put on every instance, as a plain record."),
  timeouts: timeoutsSchema.optional().describe("The resource's own time limits."),
  endpoint: z.url({ protocol: /^https?$/, message: "must be a URL with an http:// or https:// scheme, such as http://127.0.0.1:4566" }).optional().describe("An API endpoint to use instead of the cloud's public one: localcloud or a private endpoint (http or https)."),
  adopt: z.array(z.string().min(1)).optional().describe("Ids or names of existing instances to take over instead of creating them (`pulumi import` does not work for dynamic resources)."),
  account: z.string().min(1).optional().describe("The named account whose credentials, region and endpoint settings the resource uses (`lightfleet:accounts.NAME.*` in the stack config); without it, the top-level `lightfleet:*` keys and the environment."),
  owner: z.string().optional().describe("Set by the SDK to `project/stack/resource name`: the ownership tag and idempotency seed. Recorded at create; a later rename (aliases, a moved stack) keeps the recorded one (core/naming)."),
  autoName: z.string().optional().describe("Set by lightfleet when the inputs name no instance: the generated name, recorded so that updates keep it."),
};

/** RegionRule is what one cloud accepts as a region: the shape of its region ids and the regions it serves. */
export interface RegionRule {
  /** The cloud's name as users know it, e.g. `Lightsail`. */
  cloud: string;
  /** The shape of the cloud's region ids, e.g. `/^[a-z]{2}(-[a-z]+)+-\d$/`. */
  pattern: RegExp;
  /** Every region the cloud serves. */
  known: readonly string[];
}

/**
 * regionSchema is one cloud's region rule. The region is part of URLs (JD Cloud puts it in the path), of hosts
 * (Lightsail's endpoint) and of signatures, so only a region of the cloud's own list may reach the wire.
 * It carries the cloud's name as `cloudLabel`, which messages about the whole variant use (core/unknownKeys).
 */
export function regionSchema(rule: RegionRule) {
  return z.string({ error: (iss) => (iss.input === undefined ? "is required" : "must be a string") }).superRefine((region, ctx) => {
    if (region === "") ctx.addIssue({ code: "custom", message: `is required: a ${rule.cloud} region such as ${rule.known[0]}` });
    else if (!rule.pattern.test(region)) ctx.addIssue({ code: "custom", message: `must be a ${rule.cloud} region id such as ${rule.known[0]} (lower-case letters, digits and hyphens)` });
    else if (!rule.known.includes(region)) ctx.addIssue({ code: "custom", message: `must be a ${rule.cloud} region: one of ${rule.known.join(", ")}` });
  }).meta({ cloudLabel: rule.cloud });
}

/** CommonArgs are the inputs common to every cloud, as core sees them. */
export type CommonArgs = z.infer<z.ZodObject<typeof commonShape>> & { cloud: CloudName };

/**
 * timeoutFor returns the time limit in ms for one operation: the engine's (`customTimeouts`, which reach native
 * providers only) when it gave one, else the resource's `timeouts`, else the default.
 */
export function timeoutFor(args: Pick<CommonArgs, "timeouts">, op: TimedOperation): number {
  const t = args.timeouts?.[op];
  return engineTimeout(op) ?? (t ? parseDuration(t) : DEFAULT_TIMEOUT_MS);
}
