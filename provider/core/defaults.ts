import type { CloudName } from "./types";
import type { CheckFailure } from "./check";
import { DEFAULT_ACCOUNT, configKey, setting } from "./stackConfig";

/** Placement is where a resource's calls go, as far as stack-level defaults can say it. */
interface Placement {
  region?: string;
  endpoint?: string;
}

/**
 * regionDefault is the region a resource without one gets: the account's `<cloud>Region` setting, the stack's
 * `lightfleet:<cloud>Region`, then the cloud's usual environment variables (`regionVariables`, e.g. AWS_REGION).
 */
function regionDefault(cloud: CloudName, account: string, regionVariables: readonly string[]): string | undefined {
  return setting(`${cloud}Region`, account) ?? setting(`${cloud}Region`) ?? regionVariables.map((v) => process.env[v]).find((v) => !!v);
}

/**
 * endpointDefault is the endpoint a resource without one gets: `lightfleet:<cloud>Endpoint`, then one
 * `lightfleet:endpoint` or LIGHTFLEET_ENDPOINT for every cloud (localcloud serves the four on one port).
 */
function endpointDefault(cloud: CloudName, account: string): string | undefined {
  return setting(`${cloud}Endpoint`, account) ?? setting(`${cloud}Endpoint`) ?? setting("endpoint") ?? (process.env.LIGHTFLEET_ENDPOINT || undefined);
}

/**
 * withDefaults fills `region` and `endpoint` from the stack config and the environment when a resource leaves them
 * out. It runs in `check`, before the cloud's schema, so that the values are recorded with the inputs and read,
 * refresh and delete work from the state alone.
 */
export function withDefaults<T extends Record<string, unknown>>(cloud: CloudName, inputs: T, regionVariables: readonly string[]): T & Placement {
  const account = typeof inputs.account === "string" && inputs.account ? inputs.account : DEFAULT_ACCOUNT;
  const out: Record<string, unknown> = { ...inputs };
  if (out.region === undefined || out.region === "") {
    const region = regionDefault(cloud, account, regionVariables);
    if (region) out.region = region;
  }
  if (out.endpoint === undefined || out.endpoint === "") {
    const endpoint = endpointDefault(cloud, account);
    if (endpoint) out.endpoint = endpoint;
  }
  return out as T & Placement;
}

/** withRegionHint turns the schema's "region is required" into where a region can be given. */
export function withRegionHint(failures: CheckFailure[], cloud: CloudName, regionVariables: readonly string[]): CheckFailure[] {
  const env = regionVariables.length > 0 ? `, or ${regionVariables.join(" / ")}` : "";
  const reason = `is required: set it on the resource, or the stack config ${configKey(`${cloud}Region`)}${env}`;
  return failures.map((f) => (f.property === "region" && f.reason === "is required" ? { ...f, reason } : f));
}
