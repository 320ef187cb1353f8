import type { CloudName } from "./types";

/** FieldRule says how a change of one input field is applied: by replacing the fleet or updating it in place. */
export type FieldRule = "replace" | "update";

/**
 * CloudManifest is what lightfleet knows about a cloud as plain data: no client, schema or signing code stands behind
 * it, so the SDK a user program loads reads it without loading any driver.
 */
export interface CloudManifest {
  readonly cloud: CloudName;
  /** Per-operation rate limits in calls a second (published limits, conservative defaults elsewhere). */
  readonly rateLimits: Record<string, number>;
  /** The rate of an operation `rateLimits` does not name. */
  readonly defaultRate: number;
  /** How many ids one describe call takes. */
  readonly describeBatchSize: number;
  /** The most ids the cloud's other batch operations take in one call, by operation. */
  readonly batchSizes: Record<string, number>;
  /** How each input field is changed; a field not listed is cosmetic to the cloud and never triggers a change. */
  readonly fieldRules: Record<string, FieldRule>;
  /** Input paths holding secrets (passwords, user data, init scripts): the SDK marks them secret and state keeps only a digest. */
  readonly secretPaths: string[][];
  /**
   * Input paths the cloud's describe never shows (besides secretPaths): a fleet read from its id alone (an import)
   * comes without them, and its first diff takes the program's values for them as what the fleet has.
   */
  readonly unreadablePaths: string[][];
  /** True when names must be free before a replacement is created (delete before replace). */
  readonly namesMustBeUnique: boolean;
  /** The cloud's usual environment variables naming a region, read when a resource and the stack config name none. */
  readonly regionVariables: readonly string[];
  /** The environment variables holding the access key, the secret key and, for temporary keys, the session token. */
  readonly credentialVariables: { readonly accessKey: string; readonly secretKey: string; readonly sessionToken?: string };
  /** The variables and config keys that supply credentials, named in the error when none are found. */
  readonly credentialHelp: string;
  /**
   * The cloud's instance snapshot support: the field of its CreateInstanceSnapshot call naming the source instance,
   * or undefined when lightfleet has no snapshot resource for the cloud.
   */
  readonly snapshotSourceField: string | undefined;
}
