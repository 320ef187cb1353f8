import { CloudError } from "./errors";
import type { CloudDriver } from "./driver";
import type { Credentials } from "./types";
import { DEFAULT_ACCOUNT, configKey, setting } from "./stackConfig";

/** configKeys are the stack config keys that carry a cloud's credentials for one account. */
export function configKeys(cloud: string, account: string = DEFAULT_ACCOUNT): { accessKey: string; secretKey: string; sessionToken: string; profile: string } {
  return {
    accessKey: configKey(`${cloud}AccessKey`, account),
    secretKey: configKey(`${cloud}SecretKey`, account),
    sessionToken: configKey(`${cloud}SessionToken`, account),
    profile: configKey(`${cloud}Profile`, account),
  };
}

function missing(driver: CloudDriver, message: string): CloudError {
  return new CloudError({ cloud: driver.cloud, operation: "credentials", code: "MissingCredentials", message });
}

/**
 * resolveCredentials finds an account's credentials for a cloud at call time, never storing them: the stack config
 * keys first, then the cloud's standard chain (environment variables, profile files, roles), with the profile named
 * by the `<cloud>Profile` setting when there is one. A named account (`lightfleet:accounts.NAME.*`) has only its
 * own keys or profile: the environment belongs to the default account.
 */
export async function resolveCredentials(driver: CloudDriver, account: string = DEFAULT_ACCOUNT): Promise<Credentials> {
  const cloud = driver.cloud;
  const keys = configKeys(cloud, account);
  const accessKeyId = setting(`${cloud}AccessKey`, account);
  const secretAccessKey = setting(`${cloud}SecretKey`, account);
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey, sessionToken: setting(`${cloud}SessionToken`, account) };
  const profile = setting(`${cloud}Profile`, account);
  if (account !== DEFAULT_ACCOUNT && !profile) {
    throw missing(driver, `account ${JSON.stringify(account)} has no ${cloud} credentials in the stack config: set ${keys.accessKey} and ${keys.secretKey} (pulumi config set --secret), or ${keys.profile}`);
  }
  let failure = "";
  try {
    const found = await driver.credentialsFromChain(profile);
    if (found) return found;
  } catch (err) {
    failure = ` (${(err as Error).message})`;
  }
  throw missing(driver, `no ${cloud} credentials found${failure}. ${driver.credentialHelp}`);
}
