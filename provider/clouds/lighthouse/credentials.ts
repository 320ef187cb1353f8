import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Credentials } from "../../core/types";

/**
 * tencentCredentials finds Tencent Cloud keys as the Tencent SDKs, TCCLI and the Terraform provider do:
 * TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY with TENCENTCLOUD_SECURITY_TOKEN for temporary keys (the
 * Node SDK's TENCENTCLOUD_SESSION_TOKEN is read too), else the TCCLI profile file `~/.tccli/<profile>.credential`
 * (JSON with secretId, secretKey and token), the profile being `profile`, TENCENTCLOUD_PROFILE or `default`.
 */
export async function tencentCredentials(profile?: string): Promise<Credentials | undefined> {
  const env = process.env;
  if (!profile && env.TENCENTCLOUD_SECRET_ID && env.TENCENTCLOUD_SECRET_KEY) {
    return {
      accessKeyId: env.TENCENTCLOUD_SECRET_ID,
      secretAccessKey: env.TENCENTCLOUD_SECRET_KEY,
      sessionToken: env.TENCENTCLOUD_SECURITY_TOKEN || env.TENCENTCLOUD_SESSION_TOKEN || undefined,
    };
  }
  const name = profile || env.TENCENTCLOUD_PROFILE || "default";
  const file = path.join(env.HOME || os.homedir(), ".tccli", `${name}.credential`);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  let doc: { secretId?: unknown; secretKey?: unknown; token?: unknown };
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error(`the TCCLI profile file of ${JSON.stringify(name)} is not valid JSON`);
  }
  if (typeof doc.secretId !== "string" || typeof doc.secretKey !== "string" || !doc.secretId || !doc.secretKey) return undefined;
  return { accessKeyId: doc.secretId, secretAccessKey: doc.secretKey, sessionToken: typeof doc.token === "string" && doc.token ? doc.token : undefined };
}
