import * as http from "http";
import { randomUUID } from "crypto";
import type { AddressInfo } from "net";
import { MAX_BODY_BYTES, type CloudEmulator, type EmulatorContext, type EmulatorRequest, type EmulatorResponse } from "./emulator";
import { FaultBook, FaultRuleError, parseFaultRules } from "./faults";
import { FileStore } from "./store";
import { RateWindow } from "./rateLimit";
import { catalogs, emulatorFactories } from "./clouds";

/** LocalcloudOptions configure a localcloud server. */
export interface LocalcloudOptions {
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** JSON file that keeps state across restarts; memory only when absent. */
  stateFile?: string;
  /** A state document to start from when there is no state yet (seed data). */
  seedFile?: string;
  /** Multiplies every lifecycle duration: 1 is realistic, 0.01 is a hundred times faster. */
  timeScale?: number;
  /** Access key id -> secret; defaults to localcloud / localcloud-secret. */
  credentials?: Record<string, string>;
  /** Turns the published rate limits off (they are on by default). */
  rateLimits?: boolean;
  /** Called once a request is answered or its connection dropped (`--log-requests`). */
  onRequest?: (entry: RequestLogEntry) => void;
}

/** RequestLogEntry is one answered request: the cloud and action (admin routes: `admin` and the route), status, time. */
export interface RequestLogEntry {
  cloud: string;
  action: string;
  /** The HTTP status, or 0 when the connection was dropped without an answer (the `reset` fault). */
  status: number;
  ms: number;
}

/** Localcloud is a running server: its URL, its emulators and a way to stop it. */
export interface Localcloud {
  url: string;
  port: number;
  emulators: CloudEmulator[];
  faults: FaultBook;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, out: EmulatorResponse): void {
  res.writeHead(out.status, { "content-type": "application/json", ...out.headers });
  res.end(out.body);
}

/** MAX_COUNTED_OPERATIONS bounds the distinct operation names counted a cloud; the rest count as OTHER_OPERATIONS. */
const MAX_COUNTED_OPERATIONS = 200;
const OTHER_OPERATIONS = "(other operations)";

function json(res: http.ServerResponse, status: number, body: unknown): void {
  send(res, { status, body: JSON.stringify(body) });
}

/** Runtime is one server's shared state: its emulators, stores, counters and rules, read by every request. */
class Runtime {
  readonly store: FileStore;
  readonly faults = new FaultBook();
  readonly window = new RateWindow();
  readonly calls: Record<string, Record<string, number>> = {};
  throttled = 0;
  readonly emulators: CloudEmulator[];

  constructor(readonly opts: LocalcloudOptions) {
    this.store = new FileStore(opts.stateFile, opts.seedFile);
    const timeScale = opts.timeScale ?? 1;
    const credentials = new Map(Object.entries(opts.credentials ?? { localcloud: "localcloud-secret" }));
    this.emulators = emulatorFactories.map((factory) => {
      let emu: CloudEmulator | undefined;
      const store = this.store;
      const ctx: EmulatorContext = {
        now: () => Date.now(),
        delay: (ms) => Math.round(ms * timeScale),
        credentials,
        requestId: () => randomUUID(),
        faults: this.faults,
        get state() {
          return store.section(emu?.cloud ?? "unknown");
        },
        save: () => store.save(),
      };
      emu = factory(ctx);
      return emu;
    });
  }

  /**
   * countedName is the name an authenticated call is counted and rate-limited under: its operation, while the cloud
   * has fewer than MAX_COUNTED_OPERATIONS names, so that made-up action names cannot grow localcloud's memory.
   */
  countedName(cloud: string, op: string): string {
    const perCloud = (this.calls[cloud] ??= {});
    return op in perCloud || Object.keys(perCloud).length < MAX_COUNTED_OPERATIONS ? op : OTHER_OPERATIONS;
  }

  resetStats(): void {
    for (const k of Object.keys(this.calls)) delete this.calls[k];
    this.throttled = 0;
    for (const k of Object.keys(this.faults.injected)) delete this.faults.injected[k];
  }
}

/** addFaults applies a `POST /_localcloud/faults` body: 400 naming the rule that does not parse. */
function addFaults(rt: Runtime, res: http.ServerResponse, body: string): void {
  let rules;
  try {
    rules = parseFaultRules(body);
  } catch (err) {
    if (err instanceof FaultRuleError) return json(res, 400, { error: `POST /_localcloud/faults: ${err.message}` });
    throw err;
  }
  for (const r of rules) rt.faults.add(r);
  json(res, 200, { faults: rt.faults.list() });
}

/** admin serves the `/_localcloud/` routes that tests and the CLI use to inspect and steer the server. */
function admin(rt: Runtime, req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string): void {
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case "GET /_localcloud/instances":
      return json(res, 200, { instances: rt.emulators.flatMap((e) => e.listInstances()) });
    case "GET /_localcloud/snapshots":
      return json(res, 200, { snapshots: rt.emulators.flatMap((e) => e.listSnapshots()) });
    case "GET /_localcloud/stats":
      return json(res, 200, { calls: rt.calls, throttled: rt.throttled, faults: rt.faults.injected });
    case "POST /_localcloud/stats/reset":
      rt.resetStats();
      return json(res, 200, {});
    case "GET /_localcloud/faults":
      return json(res, 200, { faults: rt.faults.list() });
    case "POST /_localcloud/faults":
      return addFaults(rt, res, body);
    case "DELETE /_localcloud/faults":
      rt.faults.clear();
      return json(res, 200, {});
    case "POST /_localcloud/reset":
      rt.faults.clear();
      rt.store.reset();
      return json(res, 200, {});
    case "GET /_localcloud/catalog":
      return json(res, 200, { clouds: catalogs });
    case "GET /_localcloud/health":
      return json(res, 200, { ok: true, clouds: rt.emulators.map((e) => e.cloud) });
    default:
      return json(res, 404, { error: `no admin route ${route}` });
  }
}

function emulatorRequest(req: http.IncomingMessage, url: URL, body: string): EmulatorRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(",") : v;
  return { method: req.method ?? "GET", path: url.pathname, rawQuery: url.search.replace(/^\?/, ""), query: url.searchParams, headers, body };
}

/** tooLarge answers a body over MAX_BODY_BYTES in the envelope of the cloud it was sent to, and closes the connection. */
function tooLarge(rt: Runtime, req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://localcloud");
  const ereq = emulatorRequest(req, url, "");
  const emu = rt.emulators.find((e) => e.route(ereq) !== undefined);
  const out = emu ? emu.renderFault("tooLarge", ereq, emu.route(ereq)!) : { status: 413, body: JSON.stringify({ error: `request body exceeds ${MAX_BODY_BYTES} bytes` }) };
  // The rest of the body is never read: the connection closes once the answer is out.
  res.on("finish", () => req.socket.destroy());
  res.writeHead(out.status, { "content-type": "application/json", connection: "close", ...out.headers });
  res.end(out.body);
}

/** callCloud runs one authenticated call of an emulator under the rate limits and the injected faults. */
async function callCloud(rt: Runtime, req: http.IncomingMessage, res: http.ServerResponse, emu: CloudEmulator, ereq: EmulatorRequest, op: string): Promise<void> {
  // Only authenticated calls are counted: a stranger's made-up action names must not grow localcloud's memory.
  const denied = emu.authenticate(ereq, op);
  if (denied) return send(res, denied);
  const counted = rt.countedName(emu.cloud, op);
  rt.calls[emu.cloud][counted] = (rt.calls[emu.cloud][counted] ?? 0) + 1;
  const limit = emu.rateLimits[op] ?? emu.defaultRate;
  if (rt.opts.rateLimits !== false && !rt.window.admit(`${emu.cloud}.${counted}`, limit, Date.now())) {
    rt.throttled++;
    return send(res, emu.renderFault("throttle", ereq, op));
  }
  if (rt.faults.take("reset", emu.cloud, op)) {
    req.socket.destroy();
    return;
  }
  if (rt.faults.take("throttle", emu.cloud, op)) return send(res, emu.renderFault("throttle", ereq, op));
  if (rt.faults.take("error5xx", emu.cloud, op)) return send(res, emu.renderFault("internal", ereq, op));
  const slow = rt.faults.take("slow", emu.cloud, op);
  const out = await emu.handle(ereq, op);
  if (slow) await new Promise((r) => setTimeout(r, slow.delayMs ?? 35_000));
  send(res, out);
}

async function serve(rt: Runtime, req: http.IncomingMessage, res: http.ServerResponse, body: string, seen: { cloud: string; action: string }): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localcloud");
  seen.action = `${req.method} ${url.pathname}`;
  if (url.pathname.startsWith("/_localcloud/")) {
    seen.cloud = "admin";
    return admin(rt, req, res, url, body);
  }
  const ereq = emulatorRequest(req, url, body);
  for (const emu of rt.emulators) {
    const op = emu.route(ereq);
    if (!op) continue;
    Object.assign(seen, { cloud: emu.cloud, action: op });
    return callCloud(rt, req, res, emu, ereq, op);
  }
  json(res, 404, { error: `localcloud serves no API at ${req.method} ${url.pathname}` });
}

/** handle reads a request's body (refusing one over MAX_BODY_BYTES) and serves it, reporting it to `onRequest`. */
function handle(rt: Runtime, req: http.IncomingMessage, res: http.ServerResponse): void {
  const seen = { cloud: "-", action: "-" };
  const onRequest = rt.opts.onRequest;
  if (onRequest) {
    const start = performance.now();
    res.on("close", () => onRequest({ ...seen, status: res.writableFinished ? res.statusCode : 0, ms: Math.round(performance.now() - start) }));
  }
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return tooLarge(rt, req, res);
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY_BYTES) {
      req.pause();
      req.removeAllListeners("data");
      req.removeAllListeners("end");
      chunks.length = 0;
      return tooLarge(rt, req, res);
    }
    chunks.push(c);
  });
  req.on("end", () => {
    serve(rt, req, res, Buffer.concat(chunks).toString("utf8"), seen).catch((err: Error) => {
      if (!res.headersSent) json(res, 500, { error: `localcloud internal error: ${err.message}` });
    });
  });
}

/** startLocalcloud serves the four cloud APIs and the admin API on one port. */
export async function startLocalcloud(opts: LocalcloudOptions = {}): Promise<Localcloud> {
  const rt = new Runtime(opts);
  const server = http.createServer((req, res) => handle(rt, req, res));
  // The clouds' endpoints keep idle connections for a minute or more. HTTP clients drop an idle connection a margin
  // (a second or two) before the server's keep-alive hint runs out, so Node's default hint of 5 s would make a client
  // open a connection for most calls, which against a cloud never happens.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const { port, address, family } = server.address() as AddressInfo;
  return {
    url: `http://${family === "IPv6" ? `[${address}]` : address}:${port}`,
    port,
    emulators: rt.emulators,
    faults: rt.faults,
    close: () =>
      new Promise<void>((resolve) => {
        rt.store.flush();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
