import { CloudError } from "./errors";
import type { CloudDriver } from "./driver";
import type { Credentials } from "./types";

/** ConfigSource is the part of the engine's stack config the provider reads (secrets arrive unwrapped). */
export interface ConfigSource {
  get(key: string): string | undefined;
}

let stackConfig: ConfigSource | undefined;

/** setStackConfig keeps the stack config given to `configure`, in this process's memory only. */
export function setStackConfig(config: ConfigSource | undefined): void {
  stackConfig = config;
}

/** configKeys are the stack config keys that carry a cloud's credentials. */
export function configKeys(cloud: string): { accessKey: string; secretKey: string; sessionToken: string } {
  return {
    accessKey: `lightfleet:${cloud}AccessKey`,
    secretKey: `lightfleet:${cloud}SecretKey`,
    sessionToken: `lightfleet:${cloud}SessionToken`,
  };
}

/**
 * resolveCredentials finds a cloud's credentials at call time: the stack config first, then the cloud's usual
 * environment variables. They are never captured in the serialized provider or written to state.
 */
export function resolveCredentials(driver: CloudDriver, env: NodeJS.ProcessEnv = process.env): Credentials {
  const keys = configKeys(driver.cloud);
  const accessKeyId = stackConfig?.get(keys.accessKey);
  const secretAccessKey = stackConfig?.get(keys.secretKey);
  if (accessKeyId && secretAccessKey) {
    return { accessKeyId, secretAccessKey, sessionToken: stackConfig?.get(keys.sessionToken) || undefined };
  }
  const fromEnv = driver.credentialsFromEnv(env);
  if (fromEnv) return fromEnv;
  throw new CloudError({
    cloud: driver.cloud,
    operation: "credentials",
    code: "MissingCredentials",
    message: `no ${driver.cloud} credentials found. ${driver.credentialHelp}`,
  });
}
