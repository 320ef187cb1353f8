/** ConfigSource is the part of the engine's stack config the provider reads (secrets arrive unwrapped). */
export interface ConfigSource {
  get(key: string): unknown;
}

let stackConfig: ConfigSource | undefined;

/** setStackConfig keeps the stack config given to `configure`, in this process's memory only. */
export function setStackConfig(config: ConfigSource | undefined): void {
  stackConfig = config;
}

/** DEFAULT_ACCOUNT is the account of a resource that names none: the top-level `lightfleet:*` keys and the environment. */
export const DEFAULT_ACCOUNT = "default";

/**
 * accountsOf reads `lightfleet:accounts`, a structured value (`pulumi config set --path --secret
 * lightfleet:accounts.prod.lightsailAccessKey ...`) that the engine hands over as JSON text or as an object.
 */
function accountsOf(): Record<string, Record<string, unknown>> {
  const raw = stackConfig?.get("lightfleet:accounts");
  if (raw === undefined || raw === "") return {};
  const value = typeof raw === "string" ? JSON.parse(raw) : raw;
  return value && typeof value === "object" ? (value as Record<string, Record<string, unknown>>) : {};
}

/** configKey is where a setting of an account lives: `lightfleet:NAME`, or `lightfleet:accounts.ACCOUNT.NAME`. */
export function configKey(name: string, account: string = DEFAULT_ACCOUNT): string {
  return account === DEFAULT_ACCOUNT ? `lightfleet:${name}` : `lightfleet:accounts.${account}.${name}`;
}

/**
 * setting returns one non-empty `lightfleet` setting of an account, or undefined. A named account's setting is read
 * from the structured `lightfleet:accounts` value, or from a flat key of the same name (`pulumi config set` without
 * `--path`).
 */
export function setting(name: string, account: string = DEFAULT_ACCOUNT): string | undefined {
  const value = account === DEFAULT_ACCOUNT ? stackConfig?.get(`lightfleet:${name}`) : accountsOf()[account]?.[name] ?? stackConfig?.get(configKey(name, account));
  return value === undefined || value === null || value === "" ? undefined : String(value);
}
