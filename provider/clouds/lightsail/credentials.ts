import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Credentials } from "../../core/types";

/** parseIni reads the sections of an AWS shared credentials file: `[name]` headers and `key = value` lines. */
export function parseIni(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      current = sections[header[1]] ??= {};
      continue;
    }
    const eq = line.indexOf("=");
    if (current && eq > 0) current[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return sections;
}

/**
 * awsCredentialsFromEnv finds AWS credentials the way the AWS CLI does, minus SSO and roles: AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), else the AWS_PROFILE profile (default `default`) of the shared
 * credentials file (AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials). Undefined when neither has keys.
 */
export function awsCredentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
  }
  const home = env.HOME || env.USERPROFILE || os.homedir();
  const file = env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, ".aws", "credentials");
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const profile = parseIni(text)[env.AWS_PROFILE || "default"];
  if (!profile?.aws_access_key_id || !profile.aws_secret_access_key) return undefined;
  return {
    accessKeyId: profile.aws_access_key_id,
    secretAccessKey: profile.aws_secret_access_key,
    ...(profile.aws_session_token ? { sessionToken: profile.aws_session_token } : {}),
  };
}
