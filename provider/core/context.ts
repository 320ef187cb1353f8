import type { CloudDriver, DriverContext } from "./driver";
import { resolveCredentials } from "./credentials";
import { DEFAULT_ACCOUNT } from "./stackConfig";
import type { CloudName, Credentials, InstanceView } from "./types";
import type { ApiCall } from "./transport";
import type { WaitSpec } from "./poller";
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

/** pollsNaively is true in the benchmark's naive baseline, whose reads also describe each resource on its own. */
export function pollsNaively(): boolean {
  return naiveInterval() !== undefined;
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
  return new OperationContext(driver, where.region, endpoint, where.account ?? DEFAULT_ACCOUNT, deadline);
}

/**
 * OperationContext keeps its behaviour on the prototype: a thousand resources waiting at once (a check's coalesced
 * dry run, creates queued for their turn) then hold a few fields each rather than a set of closures each.
 */
class OperationContext implements DriverContext {
  readonly cloud: CloudName;
  readonly account: string;
  readonly clock = systemClock;
  private resolved: Credentials | undefined;

  constructor(
    private readonly driver: CloudDriver,
    readonly region: string,
    readonly endpoint: string,
    private readonly accountName: string,
    readonly deadline: number,
  ) {
    this.cloud = driver.cloud;
    this.account = `${driver.cloud}|${endpoint}|${region}|${accountName}`;
  }

  get credentials(): Credentials {
    // Requests are built inside `send`, after the credentials of that call were resolved.
    if (!this.resolved) throw new Error("credentials are resolved by send; build requests inside it");
    return this.resolved;
  }

  async send<T>(call: ApiCall<T>): Promise<T> {
    const driver = this.driver;
    this.resolved = await resolveCredentials(driver, this.accountName);
    return send(call, {
      bucket: bucketFor(`${this.account}|${call.operation}`, driver.rateLimits[call.operation] ?? driver.defaultRate),
      onRetry: (err, attempt) =>
        progress(`${driver.cloud} ${call.operation}${call.dryRun ? " dry run (a check: nothing is created)" : ""}: ${err.code}, retrying (attempt ${attempt + 2})`),
    });
  }

  waitFor(spec: Omit<WaitSpec, "deadline"> & { deadline?: number }): Promise<Map<string, InstanceView | undefined>> {
    const driver = this.driver;
    const naive = naiveInterval();
    const describe = (ids: string[]) => driver.describe(this, ids);
    const p = naive
      ? new Poller(driver.cloud, describe, { minIntervalMs: naive, maxIntervalMs: naive, batchSize: driver.describeBatchSize, clock: systemClock })
      : pollerFor(this.account, driver.cloud, describe, { batchSize: driver.describeBatchSize });
    return p.waitFor({ ...spec, deadline: spec.deadline ?? this.deadline });
  }

  batch(operation: string, ids: string[], max: number, sendBatch: (ids: string[]) => Promise<void>): Promise<void> {
    return batcherFor(`${this.account}|${operation}`, max, systemClock).add(ids, sendBatch);
  }

  log(message: string): void {
    progress(message);
  }
}
