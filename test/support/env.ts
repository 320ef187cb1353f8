/** CREDENTIAL_VARIABLES are every variable a credential chain or a stack default reads; tests start without them. */
const CREDENTIAL_VARIABLES = /^(AWS_|TENCENTCLOUD_|ZENLAYERCLOUD_|JDCLOUD_|LIGHTFLEET_ENDPOINT$)/;

/** withoutCredentials is `env` without the machine's credential variables, for a child process such as the CLI. */
export function withoutCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !CREDENTIAL_VARIABLES.test(k)));
}

/**
 * withEnv runs `fn` with the process environment holding none of the machine's credential variables, plus `vars`
 * (HOME included when given), and restores the environment afterwards. The metadata service stays disabled.
 */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T | Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (CREDENTIAL_VARIABLES.test(k)) delete process.env[k];
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}
