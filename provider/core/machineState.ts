import * as os from "os";
import * as path from "path";

/**
 * machineFile is where lightfleet keeps one record of this machine (a lifetime's nonce, a resource's created ids):
 * under PULUMI_HOME (~/.pulumi by default), beside the engine's own state of the machine, in a folder a kind.
 */
export function machineFile(kind: string, name: string, env: NodeJS.ProcessEnv = process.env): string {
  const home = env.PULUMI_HOME || path.join(os.homedir(), ".pulumi");
  return path.join(home, "lightfleet", kind, name);
}
