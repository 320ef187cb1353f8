/**
 * The entry of the `pulumi-resource-lightfleet` plugin. The engine starts it with its own address as the argument
 * and reads the first line of stdout as the port to call: nothing else may be written to stdout.
 */
import schema from "./schema.json";
import { configureFromEnv, nativeProvider } from "./provider";
import { packageVersion, serve } from "./server";

async function main(): Promise<void> {
  configureFromEnv(process.env);
  const text = JSON.stringify(schema);
  const { port } = await serve(nativeProvider, { version: packageVersion(), schema: () => text });
  process.stdout.write(`${port}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
