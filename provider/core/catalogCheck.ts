import { createHash } from "crypto";
import type { DriverContext } from "./driver";
import { CloudError } from "./errors";
import type { CloudName } from "./types";

/** MAX_CHOICES caps the valid values a preview error lists, so that a catalogue of hundreds stays readable. */
export const MAX_CHOICES = 12;

/** choices lists valid values for an error message: the first MAX_CHOICES, and how many more there are. */
export function choices(values: string[]): string {
  if (values.length === 0) return "none is available there";
  const shown = values.slice(0, MAX_CHOICES).join(", ");
  return values.length > MAX_CHOICES ? `${shown} (and ${values.length - MAX_CHOICES} more)` : shown;
}

/** CatalogProblem is one input the cloud's catalogue refuses: the property path, the value, and why. */
export interface CatalogProblem {
  property: string;
  message: string;
}

/**
 * catalogError turns the problems a preview lookup found into one CloudError (not retryable, so check reports it):
 * each names the property, says why and lists the valid choices, as the cloud's create call would have refused it.
 */
export function catalogError(cloud: CloudName, operation: string, problems: CatalogProblem[]): CloudError {
  return new CloudError({
    cloud,
    operation,
    code: "InvalidCatalogValue",
    message: problems.map((p) => `property ${p.property}: ${p.message}`).join("; "),
  });
}

/**
 * lookupKey identifies one catalogue lookup of one account: the same call with the same parameters is answered once
 * per provider process (see coalesced), however many resources ask. Hashed, so no parameter is kept in clear.
 */
export function lookupKey(ctx: Pick<DriverContext, "cloud" | "account">, operation: string, params: unknown): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([ctx.account, operation, params]))
    .digest("hex");
  return `${ctx.cloud}-catalog|${digest}`;
}
