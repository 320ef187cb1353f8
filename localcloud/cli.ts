#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startLocalcloud, type Localcloud, type LocalcloudOptions, type RequestLogEntry } from "./server";

const DEFAULT_KEY = "localcloud";
const DEFAULT_SECRET = "localcloud-secret";

const usage = `lightfleet-localcloud: a local emulator of the Lightsail, Lighthouse, Zenlayer and JD Cloud coc-vm APIs

  --port N          port to listen on (default 4600; 0 picks a free one, printed at start)
  --host H          address to listen on (default 127.0.0.1)
  --state-file F    keep state in F across restarts (default: memory only)
  --seed F          start from the state in F (a state file saved earlier) when there is no state yet
  --time-scale X    multiply lifecycle durations by X, a number above 0 (default 1; 0.05 is twenty times faster)
  --access-key K    access key id (default ${DEFAULT_KEY})
  --secret-key S    secret key (default ${DEFAULT_SECRET})
  --no-rate-limits  do not enforce the published rate limits
  --log-requests    print one line a request: cloud, action, status, milliseconds
  -h, --help        print this help`;

const options = {
  port: { type: "string", default: "4600" },
  host: { type: "string", default: "127.0.0.1" },
  "state-file": { type: "string" },
  seed: { type: "string" },
  "time-scale": { type: "string", default: "1" },
  "access-key": { type: "string", default: DEFAULT_KEY },
  "secret-key": { type: "string", default: DEFAULT_SECRET },
  "no-rate-limits": { type: "boolean", default: false },
  "log-requests": { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** UsageError is a bad command line: exit code 2 with a message naming the flag. */
class UsageError extends Error {}

/** editDistance is the Levenshtein distance, for "did you mean" on a mistyped flag. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

function unknownOption(flag: string): UsageError {
  const name = flag.replace(/^-+/, "").split("=")[0];
  const close = Object.keys(options)
    .map((o) => ({ o, d: editDistance(name, o) }))
    .filter(({ d }) => d <= 2)
    .sort((x, y) => x.d - y.d)[0];
  return new UsageError(`unknown option --${name}${close ? ` (did you mean --${close.o}?)` : ""}`);
}

/** Command is what the command line asks for: the server's options and how to report. */
interface Command {
  server: LocalcloudOptions & { timeScale: number; rateLimits: boolean; credentials: Record<string, string> };
  logRequests: boolean;
  customSecret: boolean;
}

/** parse turns argv into a Command (undefined for --help), or throws a UsageError naming the flag at fault. */
function parse(argv: string[]): Command | undefined {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (err) {
    const { code, message } = err as { code?: string; message: string };
    const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw unknownOption(flag);
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") throw new UsageError(`unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ""}: every option starts with --`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw new UsageError(message.includes("does not take an argument") ? `option ${flag} takes no value` : `option ${flag} needs a value`);
    }
    throw err;
  }
  if (values.help) return undefined;
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  const timeScale = Number(values["time-scale"]);
  if (values["time-scale"].trim() === "" || !Number.isFinite(timeScale) || timeScale <= 0) {
    throw new UsageError(`--time-scale must be a number above 0 (1 is realistic, 0.01 a hundred times faster), not "${values["time-scale"]}"`);
  }
  if (!values.host) throw new UsageError("--host must not be empty");
  return {
    server: {
      port,
      host: values.host,
      stateFile: values["state-file"],
      seedFile: values.seed,
      timeScale,
      credentials: { [values["access-key"]]: values["secret-key"] },
      rateLimits: !values["no-rate-limits"],
    },
    logRequests: values["log-requests"],
    customSecret: values["secret-key"] !== DEFAULT_SECRET,
  };
}

/** How each cloud's requests are addressed, for the banner. */
const routes: Record<string, string> = {
  lightsail: "POST / with X-Amz-Target: Lightsail_20161128.<Operation> (SigV4, service lightsail)",
  lighthouse: "POST / with X-TC-Action (TC3-HMAC-SHA256; the Tag service signs as tag)",
  zenlayer: "POST /api/v2/vm with X-ZC-Action (ZC2-HMAC-SHA256)",
  jdcloud: "/v1/regions/{regionId}/instances... (JDCLOUD2 / JDCLOUD3)",
};

function banner(lc: Localcloud, { server: o, customSecret }: Command): string {
  const [key] = Object.keys(o.credentials);
  const width = Math.max(...lc.emulators.map((e) => e.cloud.length));
  return [
    `localcloud listening on ${lc.url} (port ${lc.port})`,
    `  lifecycles at ${o.timeScale}x real time, rate limits ${o.rateLimits ? "on" : "off"}, state ${o.stateFile ? `in ${o.stateFile}` : "in memory"}`,
    "  endpoints (every cloud on the same port):",
    ...lc.emulators.map((e) => `    ${e.cloud.padEnd(width)}  ${lc.url}  ${routes[e.cloud] ?? ""}`),
    `  credentials: access key ${key}, secret key ${customSecret ? "as given with --secret-key" : DEFAULT_SECRET}`,
    `  admin: ${lc.url}/_localcloud/ health, catalog, instances, snapshots, stats (POST stats/reset), faults (GET, POST, DELETE), POST reset`,
    "  stop with Ctrl-C (SIGINT) or SIGTERM",
  ].join("\n");
}

function logLine(e: RequestLogEntry): string {
  return `${new Date().toISOString()} ${e.cloud} ${e.action} ${e.status || "reset"} ${e.ms}ms`;
}

function main(argv: string[]): void {
  let o: Command | undefined;
  try {
    o = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`lightfleet-localcloud: ${err.message}\nrun lightfleet-localcloud --help for every option`);
    process.exit(2);
  }
  if (!o) {
    console.log(usage);
    return;
  }
  const opts = o;
  startLocalcloud({ ...opts.server, onRequest: opts.logRequests ? (e) => console.log(logLine(e)) : undefined }).then(
    (lc) => {
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        void lc.close().then(() => process.exit(0));
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
      process.on("SIGHUP", stop);
      // Started through npm (npx, npm run) the server runs as npm -> sh -> node, and a SIGTERM to npm ends npm and
      // its shell without reaching node: when the parent goes, stop rather than hold the port as an orphan.
      if (process.env.npm_command) {
        const parent = process.ppid;
        setInterval(() => process.ppid !== parent && stop(), 250).unref();
      }
      // Last: whoever waits for the banner may signal at once, and the handlers above must be in place by then.
      console.log(banner(lc, opts));
    },
    (err: Error) => {
      console.error(`localcloud failed to start: ${err.message}`);
      process.exit(1);
    },
  );
}

main(process.argv.slice(2));
