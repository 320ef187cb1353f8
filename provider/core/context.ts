import type { CloudDriver, DriverContext } from "./driver";
import { resolveCredentials } from "./credentials";
import { DEFAULT_ACCOUNT } from "./stackConfig";
import type { Credentials } from "./types";
import { bucketFor } from "./rateLimiter";
import { batcherFor } from "./batcher";
import { Poller, pollerFor } from "./poller";
import { send } from "./transport";
import { systemClock } from "./clock";
import type { CommonArgs } from "./commonSchema";
import { progress } from "./progress";

/**
 * naiveInterval returns the fixed polling interval when LIGHTFLEET_POLL_MODE=naive: every wait then polls its own
 * describe call at that interval, as the existing providers do. It exists only so the benchmark can measure the
 * shared poller against that baseline in the same run.
 */
function naiveInterval(env: NodeJS.ProcessEnv = process.env): number | undefined {
  return env.LIGHTFLEET_POLL_MODE === "naive" ? Number(env.LIGHTFLEET_NAIVE_INTERVAL_MS ?? 3000) : undefined;
}

/** Where says which API endpoint and region an operation talks to, and as which account. */
export type Where = Pick<CommonArgs, "region" | "endpoint" | "account">;

/**
 * contextFor builds the DriverContext of one operation. Credentials are resolved before each call, never kept
 * beyond the process's memory, so temporary credentials are refreshed by their chain. Rate limiters and pollers are
 * shared process-wide by cloud, endpoint, region and account, so every resource of an account draws on the same
 * budget and describe loop.
 */
export function contextFor(driver: CloudDriver, where: Where, deadline: number): DriverContext {
  const endpoint = (where.endpoint ?? driver.endpoint(where.region)).replace(/\/+$/, "");
  const accountName = where.account ?? DEFAULT_ACCOUNT;
  const account = `${driver.cloud}|${endpoint}|${where.region}|${accountName}`;
  let credentials: Credentials | undefined;
  const ctx: DriverContext = {
    cloud: driver.cloud,
    region: where.region,
    endpoint,
    account,
    get credentials(): Credentials {
      // Requests are built inside `send`, after the credentials of that call were resolved.
      if (!credentials) throw new Error("credentials are resolved by send; build requests inside it");
      return credentials;
    },
    clock: systemClock,
    deadline,
    send: async (call) => {
      credentials = await resolveCredentials(driver, accountName);
      return send(call, {
        bucket: bucketFor(`${account}|${call.operation}`, driver.rateLimits[call.operation] ?? driver.defaultRate),
        onRetry: (err, attempt) =>
          progress(`${driver.cloud} ${call.operation}${call.dryRun ? " dry run (a check: nothing is created)" : ""}: ${err.code}, retrying (attempt ${attempt + 2})`),
      });
    },
    waitFor: (spec) => {
      const naive = naiveInterval();
      const p = naive
        ? new Poller(driver.cloud, describe, { minIntervalMs: naive, maxIntervalMs: naive, batchSize: driver.describeBatchSize, clock: systemClock })
        : poller;
      return p.waitFor({ ...spec, deadline: spec.deadline ?? deadline });
    },
    batch: (operation, ids, max, sendBatch) => batcherFor(`${account}|${operation}`, max, systemClock).add(ids, sendBatch),
    log: progress,
  };
  const describe = (ids: string[]) => driver.describe(ctx, ids);
  const poller = pollerFor(account, driver.cloud, describe, {
    batchSize: driver.describeBatchSize,
  });
  return ctx;
}
