import * as http from "http";
import * as https from "https";
import * as tls from "tls";
import type { Duplex } from "stream";

/** HttpRequest is one fully built (and signed) request. */
export interface HttpRequest {
  method: "GET" | "POST" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** HttpResponse is what came back, with lower-case header names. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * HttpFailure is a request that got no answer: `code` is the socket's code (ECONNREFUSED, ECONNRESET...) or
 * "RequestTimeout" when the signal ran out first.
 */
export class HttpFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "HttpFailure";
  }
}

/** PROXY_VARIABLES are the proxy settings read from the environment, the lower-case spelling first as curl does. */
const PROXY_VARIABLES = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY"] as const;

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443 };

/**
 * proxyUrl reads one proxy variable; a value without a scheme means an HTTP proxy, as curl takes it. A value that is
 * no URL fails the call naming the variable, never echoing the value, which may hold a password.
 */
function proxyUrl(name: string, value: string): URL {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new HttpFailure("BadProxy", `${name} is not a proxy URL`);
  }
}

/** proxyAuthorization is the Basic credential of a proxy URL that carries a user, for the Proxy-Authorization header. */
function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const pair = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { "proxy-authorization": `Basic ${Buffer.from(pair).toString("base64")}` };
}

/**
 * TunnelAgent keeps TLS connections to HTTPS endpoints that pass through a proxy: each new connection asks the proxy
 * to CONNECT to the endpoint, then speaks TLS (verified as usual) inside the tunnel. Connections are kept alive and
 * reused like any other.
 */
class TunnelAgent extends https.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: true });
  }

  override createConnection(options: tls.ConnectionOptions & { host?: string; port?: number }, done: (err: Error | null, socket?: Duplex) => void): undefined {
    const target = `${options.host}:${options.port}`;
    const connect = (this.proxy.protocol === "https:" ? https : http).request({
      host: this.proxy.hostname,
      port: this.proxy.port || DEFAULT_PORTS[this.proxy.protocol],
      method: "CONNECT",
      path: target,
      headers: { host: target, ...proxyAuthorization(this.proxy) },
      agent: false,
    });
    connect.once("connect", (res: http.IncomingMessage, socket: Duplex) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        done(Object.assign(new Error(`the proxy ${this.proxy.host} answered ${res.statusCode} to CONNECT ${target}`), { code: "EPROXY" }));
        return;
      }
      done(null, tls.connect({ ...options, socket }));
    });
    connect.once("error", (err) => done(err));
    connect.end();
    return undefined;
  }
}

/** Route is how requests for one scheme travel: straight to the endpoint, or through a proxy. */
interface Route {
  agent: http.Agent;
  /** The proxy an HTTP request is sent to in absolute form; HTTPS ones tunnel through their agent instead. */
  forward?: URL;
}

/** Routes are the connection pools for the current proxy settings. */
interface Routes {
  key: string;
  direct: Record<string, http.Agent>;
  proxied: Record<string, Route>;
  noProxy: Array<{ host: string; port?: number }>;
}

let routes: Routes | undefined;

/** parseNoProxy reads NO_PROXY's entries: host names (a leading "." or "*." matches subdomains), with optional ports. */
function parseNoProxy(value: string): Array<{ host: string; port?: number }> {
  return value
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((entry) => {
      // A bare IPv6 address has colons but no port; a bracketed one may have a port after the bracket.
      const m = /^\[(.*)\](?::(\d+))?$/.exec(entry) ?? (entry.split(":").length > 2 ? [entry, entry] : /^(.*?)(?::(\d+))?$/.exec(entry))!;
      return { host: m[1].toLowerCase().replace(/^\*?\./, ""), port: m[2] ? Number(m[2]) : undefined };
    });
}

/**
 * currentRoutes builds the pools for the proxy variables as they are now: HTTP_PROXY for http endpoints, HTTPS_PROXY
 * (or else HTTP_PROXY) for https ones, NO_PROXY's hosts straight. The variables are read at call time; a change makes
 * new pools, and the old ones' calls still in flight finish (their idle connections close at the server's keep-alive
 * hint, and never hold the process open).
 */
function currentRoutes(): Routes {
  const env = Object.fromEntries(PROXY_VARIABLES.map((v) => [v, process.env[v] || undefined]));
  const key = JSON.stringify(env);
  if (routes?.key === key) return routes;
  const direct = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };
  const httpName = env.http_proxy ? "http_proxy" : env.HTTP_PROXY ? "HTTP_PROXY" : undefined;
  const httpsName = env.https_proxy ? "https_proxy" : env.HTTPS_PROXY ? "HTTPS_PROXY" : httpName;
  const proxied: Record<string, Route> = {};
  if (httpName) proxied["http:"] = { agent: new http.Agent({ keepAlive: true }), forward: proxyUrl(httpName, env[httpName]!) };
  if (httpsName) proxied["https:"] = { agent: new TunnelAgent(proxyUrl(httpsName, env[httpsName]!)) };
  routes = { key, direct, proxied, noProxy: parseNoProxy(env.no_proxy ?? env.NO_PROXY ?? "") };
  return routes;
}

/** bareHost is a URL's host name without the brackets of an IPv6 address, as sockets and NO_PROXY take it. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** routeFor picks how to reach a URL: through its scheme's proxy unless there is none or NO_PROXY names the host. */
function routeFor(url: URL): Route {
  const r = currentRoutes();
  const proxied = r.proxied[url.protocol];
  if (!proxied) return { agent: r.direct[url.protocol] };
  const host = bareHost(url).toLowerCase();
  const port = Number(url.port) || DEFAULT_PORTS[url.protocol];
  const bypass = r.noProxy.some((e) => e.host === "*" || ((e.port === undefined || e.port === port) && (host === e.host || host.endsWith(`.${e.host}`))));
  return bypass ? { agent: r.direct[url.protocol] } : proxied;
}

/**
 * exchange sends one request and reads its whole answer, through Node's own HTTP client (its parser is native, so
 * a provider with thousands of calls in flight keeps no WebAssembly parser and its memory). Connections are kept
 * alive between calls. The signal bounds the whole exchange, answer included.
 */
export function exchange(req: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
  const url = new URL(req.url);
  if (url.protocol !== "http:" && url.protocol !== "https:") return Promise.reject(new HttpFailure("UnsupportedProtocol", `${url.protocol} is not an HTTP URL`));
  const route = routeFor(url);
  const headers: Record<string, string> = { ...req.headers };
  if (route.forward) Object.assign(headers, proxyAuthorization(route.forward));
  const options: http.RequestOptions = route.forward
    ? { host: route.forward.hostname, port: route.forward.port || DEFAULT_PORTS[route.forward.protocol], path: url.href, method: req.method, headers, agent: route.agent }
    : { host: bareHost(url), port: url.port || DEFAULT_PORTS[url.protocol], path: url.pathname + url.search, method: req.method, headers, agent: route.agent };
  const client = (route.forward ? route.forward.protocol : url.protocol) === "https:" ? https : http;
  return new Promise<HttpResponse>((resolve, reject) => {
    const fail = (err: Error & { code?: string }) => {
      if (signal.aborted) reject(new HttpFailure("RequestTimeout", "timed out"));
      else reject(new HttpFailure(typeof err.code === "string" ? err.code : "NetworkError", err.message));
    };
    const outgoing = client.request({ ...options, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      // An answer cut short fails here with ECONNRESET; "end" comes only for a whole one.
      res.on("error", fail);
      res.on("end", () => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
        resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    outgoing.on("error", fail);
    outgoing.end(req.body);
  });
}
