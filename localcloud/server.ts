import * as http from "http";
import { randomUUID } from "crypto";
import type { AddressInfo } from "net";
import type { CloudEmulator, EmulatorContext, EmulatorRequest, EmulatorResponse } from "./emulator";
import { FaultBook, type FaultRule } from "./faults";
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

function json(res: http.ServerResponse, status: number, body: unknown): void {
  send(res, { status, body: JSON.stringify(body) });
}

/** startLocalcloud serves the four cloud APIs and the admin API on one port. */
export async function startLocalcloud(opts: LocalcloudOptions = {}): Promise<Localcloud> {
  const store = new FileStore(opts.stateFile, opts.seedFile);
  const faults = new FaultBook();
  const window = new RateWindow();
  const timeScale = opts.timeScale ?? 1;
  const credentials = new Map(Object.entries(opts.credentials ?? { localcloud: "localcloud-secret" }));
  const calls: Record<string, Record<string, number>> = {};
  let throttled = 0;

  const emulators = emulatorFactories.map((factory) => {
    let emu: CloudEmulator | undefined;
    const ctx: EmulatorContext = {
      now: () => Date.now(),
      delay: (ms) => Math.round(ms * timeScale),
      credentials,
      requestId: () => randomUUID(),
      faults,
      get state() {
        return store.section(emu?.cloud ?? "unknown");
      },
      save: () => store.save(),
    };
    emu = factory(ctx);
    return emu;
  });

  async function admin(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string): Promise<void> {
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "GET /_localcloud/instances":
        return json(res, 200, { instances: emulators.flatMap((e) => e.listInstances()) });
      case "GET /_localcloud/snapshots":
        return json(res, 200, { snapshots: emulators.flatMap((e) => e.listSnapshots()) });
      case "GET /_localcloud/stats":
        return json(res, 200, { calls, throttled, faults: faults.injected });
      case "POST /_localcloud/stats/reset":
        for (const k of Object.keys(calls)) delete calls[k];
        throttled = 0;
        for (const k of Object.keys(faults.injected)) delete faults.injected[k];
        return json(res, 200, {});
      case "GET /_localcloud/faults":
        return json(res, 200, { faults: faults.list() });
      case "POST /_localcloud/faults": {
        const parsed = JSON.parse(body || "{}") as FaultRule | { faults: FaultRule[] };
        for (const r of "faults" in parsed ? parsed.faults : [parsed]) faults.add(r);
        return json(res, 200, { faults: faults.list() });
      }
      case "DELETE /_localcloud/faults":
        faults.clear();
        return json(res, 200, {});
      case "POST /_localcloud/reset":
        faults.clear();
        store.reset();
        return json(res, 200, {});
      case "GET /_localcloud/catalog":
        return json(res, 200, { clouds: catalogs });
      case "GET /_localcloud/health":
        return json(res, 200, { ok: true, clouds: emulators.map((e) => e.cloud) });
      default:
        return json(res, 404, { error: `no admin route ${route}` });
    }
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, body: string, seen: { cloud: string; action: string }): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localcloud");
    seen.action = `${req.method} ${url.pathname}`;
    if (url.pathname.startsWith("/_localcloud/")) {
      seen.cloud = "admin";
      return admin(req, res, url, body);
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(",") : v;
    const ereq: EmulatorRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      rawQuery: url.search.replace(/^\?/, ""),
      query: url.searchParams,
      headers,
      body,
    };
    for (const emu of emulators) {
      const op = emu.route(ereq);
      if (!op) continue;
      Object.assign(seen, { cloud: emu.cloud, action: op });
      const perCloud = (calls[emu.cloud] ??= {});
      perCloud[op] = (perCloud[op] ?? 0) + 1;
      const denied = emu.authenticate(ereq, op);
      if (denied) return send(res, denied);
      const limit = emu.rateLimits[op] ?? emu.defaultRate;
      if (opts.rateLimits !== false && !window.admit(`${emu.cloud}.${op}`, limit, Date.now())) {
        throttled++;
        return send(res, emu.renderFault("throttle", ereq, op));
      }
      if (faults.take("reset", emu.cloud, op)) {
        req.socket.destroy();
        return;
      }
      if (faults.take("throttle", emu.cloud, op)) return send(res, emu.renderFault("throttle", ereq, op));
      if (faults.take("error5xx", emu.cloud, op)) return send(res, emu.renderFault("internal", ereq, op));
      const slow = faults.take("slow", emu.cloud, op);
      const out = await emu.handle(ereq, op);
      if (slow) await new Promise((r) => setTimeout(r, slow.delayMs ?? 35_000));
      return send(res, out);
    }
    json(res, 404, { error: `localcloud serves no API at ${req.method} ${url.pathname}` });
  }

  const server = http.createServer((req, res) => {
    const seen = { cloud: "-", action: "-" };
    if (opts.onRequest) {
      const start = performance.now();
      const onRequest = opts.onRequest;
      res.on("close", () => onRequest({ ...seen, status: res.writableFinished ? res.statusCode : 0, ms: Math.round(performance.now() - start) }));
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      serve(req, res, Buffer.concat(chunks).toString("utf8"), seen).catch((err: Error) => {
        if (!res.headersSent) json(res, 500, { error: `localcloud internal error: ${err.message}` });
      });
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const { port, address, family } = server.address() as AddressInfo;
  return {
    url: `http://${family === "IPv6" ? `[${address}]` : address}:${port}`,
    port,
    emulators,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        store.flush();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
