#!/usr/bin/env node
import { startLocalcloud } from "./server";

const usage = `lightfleet-localcloud: a local emulator of the Lightsail, Lighthouse, Zenlayer and JD Cloud coc-vm APIs

  --port N          port on 127.0.0.1 (default 4600; 0 picks a free one)
  --state-file F    keep state in F across restarts (default: memory only)
  --seed F          start from the state in F (a state file saved earlier) when there is no state yet
  --time-scale X    multiply lifecycle durations by X (default 1; 0.05 is twenty times faster)
  --access-key K    access key id (default localcloud)
  --secret-key S    secret key (default localcloud-secret)
  --no-rate-limits  do not enforce the published rate limits`;

function main(argv: string[]): void {
  const opts: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      console.log(usage);
      return;
    }
    if (a === "--no-rate-limits") opts.noRateLimits = true;
    else if (a.startsWith("--") && i + 1 < argv.length) opts[a.slice(2)] = argv[++i];
    else {
      console.error(`unknown argument ${a}\n\n${usage}`);
      process.exit(2);
    }
  }
  const key = String(opts["access-key"] ?? "localcloud");
  const secret = String(opts["secret-key"] ?? "localcloud-secret");
  startLocalcloud({
    port: Number(opts.port ?? 4600),
    stateFile: opts["state-file"] ? String(opts["state-file"]) : undefined,
    seedFile: opts.seed ? String(opts.seed) : undefined,
    timeScale: Number(opts["time-scale"] ?? 1),
    credentials: { [key]: secret },
    rateLimits: !opts.noRateLimits,
  }).then(
    (lc) => {
      console.log(`localcloud listening on ${lc.url}`);
      const stop = () => void lc.close().then(() => process.exit(0));
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    },
    (err: Error) => {
      console.error(`localcloud failed to start: ${err.message}`);
      process.exit(1);
    },
  );
}

main(process.argv.slice(2));
