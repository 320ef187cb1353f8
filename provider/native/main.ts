/**
 * The entry of the `pulumi-resource-lightfleet` plugin. The engine starts it with its own address as the argument
 * (after logging and tracing flags) and reads the first line of stdout as the port to call: nothing else may be
 * written to stdout.
 */
import schema from "./schema.json";
import { parseEngineAddress, watchEngine } from "../core/engineWatch";
import { configureFromEnv, nativeProvider } from "./provider";
import { packageVersion, serve } from "./server";

/** engineArgument is the engine's address among the plugin's arguments: the first that is no flag nor a flag's value. */
function engineArgument(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--tracing") i++;
    else if (!args[i].startsWith("-")) return args[i];
  }
  return undefined;
}

async function main(): Promise<void> {
  configureFromEnv(process.env);
  const text = JSON.stringify(schema);
  const { port } = await serve(nativeProvider, { version: packageVersion(), schema: () => text });
  // An engine killed outright never stops its plugins: this one ends when the engine's port is gone.
  watchEngine(process.argv, () => process.exit(1), parseEngineAddress(engineArgument(process.argv.slice(2)) ?? ""));
  process.stdout.write(`${port}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
