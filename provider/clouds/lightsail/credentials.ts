import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { Credentials } from "../../core/types";

/** IMDS_TIMEOUT_MS bounds the instance-metadata step, so that a machine that is no EC2 instance fails fast. */
const IMDS_TIMEOUT_MS = 1000;

/**
 * quiet drops the chain's advice to set either AWS_PROFILE or the key variables: a profile chosen for an account
 * (`lightfleet:lightsailProfile`) is meant to win over the keys of the environment.
 */
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The variables that change what the chain finds; a provider is kept per combination, so its cache stays valid. */
const CHAIN_VARIABLES = [
  "AWS_PROFILE",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
  "AWS_ENDPOINT_URL_STS",
  "HOME",
];

const chains = new Map<string, ReturnType<typeof fromNodeProviderChain>>();

/**
 * awsCredentials resolves AWS credentials through the AWS SDK's default chain, as the AWS CLI and pulumi-aws do:
 * AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, SSO, the shared config and credentials files
 * (AWS_PROFILE or `profile`, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE) with assume-role, `credential_process`
 * and web identity profiles, AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN, then the ECS and EC2 metadata
 * services. The chain caches temporary credentials and refreshes them before they expire. Undefined when no
 * source has credentials; a source that is configured but fails (a role that cannot be assumed) throws.
 */
export async function awsCredentials(profile?: string): Promise<Credentials | undefined> {
  const key = JSON.stringify([profile, ...CHAIN_VARIABLES.map((v) => process.env[v])]);
  let chain = chains.get(key);
  if (!chain) {
    chain = fromNodeProviderChain({ ...(profile ? { profile } : {}), timeout: IMDS_TIMEOUT_MS, maxRetries: 0, logger: quiet });
    chains.set(key, chain);
  }
  try {
    const c = await chain();
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) };
  } catch (err) {
    // "Could not load credentials from any providers": nothing is configured, which the caller explains.
    if ((err as { name?: string }).name === "CredentialsProviderError" && /any providers/.test(String((err as Error).message))) return undefined;
    throw err;
  }
}
