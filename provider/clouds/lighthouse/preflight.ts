import { createHash } from "crypto";
import { coalesced } from "../../core/coalesce";
import type { DriverContext } from "../../core/driver";
import { createParams, lighthouseCall } from "./client";
import type { LighthouseInstanceArgs } from "./schema";

/**
 * preflight asks Lighthouse itself with a CreateInstances DryRun, which checks the plan, the image, the zones, the
 * count and the login against the account, creating nothing.
 */
export async function preflight(ctx: DriverContext, args: LighthouseInstanceArgs): Promise<void> {
  const params: Record<string, unknown> = { ...createParams(args, args.instanceCount ?? 1, args.tags ?? {}), DryRun: true };
  // The cloud's answer depends on the plan, image, zones, count and login, not on the name or the tags (both
  // checked locally), so fleets alike but for those share one dry run. The key is hashed: it holds the password.
  const { InstanceName: _name, Tags: _tags, ...shape } = params;
  const key = createHash("sha256").update(JSON.stringify([ctx.account, shape])).digest("hex");
  await coalesced(`lighthouse-dry-run|${key}`, () => lighthouseCall(ctx, "CreateInstances", params, () => undefined));
}
