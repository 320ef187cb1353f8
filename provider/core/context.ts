import type { CloudDriver, DriverContext } from "./driver";
import { resolveCredentials } from "./credentials";
import { bucketFor } from "./rateLimiter";
import { pollerFor } from "./poller";
import { send } from "./transport";
import { systemClock } from "./clock";
import type { CommonArgs } from "./commonSchema";
import { progress } from "./progress";

/** Where says which API endpoint and region an operation talks to. */
export type Where = Pick<CommonArgs, "region" | "endpoint">;

/**
 * contextFor builds the DriverContext of one operation. Rate limiters and pollers are shared process-wide by cloud,
 * endpoint, region and access key, so every resource of a stack draws on the same budget and describe loop.
 */
export function contextFor(driver: CloudDriver, where: Where, deadline: number): DriverContext {
  const endpoint = (where.endpoint ?? driver.endpoint(where.region)).replace(/\/+$/, "");
  const credentials = resolveCredentials(driver);
  const account = `${driver.cloud}|${endpoint}|${where.region}|${credentials.accessKeyId}`;
  const ctx: DriverContext = {
    cloud: driver.cloud,
    region: where.region,
    endpoint,
    credentials,
    clock: systemClock,
    deadline,
    send: (call) =>
      send(call, {
        bucket: bucketFor(`${account}|${call.operation}`, driver.rateLimits[call.operation] ?? driver.defaultRate),
        onRetry: (err, attempt) => progress(`${driver.cloud} ${call.operation}: ${err.code}, retrying (attempt ${attempt + 2})`),
      }),
    waitFor: (spec) => poller.waitFor({ ...spec, deadline: spec.deadline ?? deadline }),
    log: progress,
  };
  const poller = pollerFor(account, driver.cloud, (ids) => driver.describe(ctx, ids), {
    batchSize: driver.describeBatchSize,
  });
  return ctx;
}
