import * as http from "http";
import * as net from "net";
import type { AddressInfo } from "net";
import { exchange, HttpFailure, type HttpRequest } from "../../../provider/core/http";
import { withEnv } from "../../support/env";
import { startProxy } from "../../support/proxy";

const NO_PROXIES = { HTTP_PROXY: undefined, http_proxy: undefined, HTTPS_PROXY: undefined, https_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined };

interface Listening {
  port: number;
  close(): Promise<void>;
}

async function listen(server: net.Server): Promise<Listening> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        (server as http.Server).closeAllConnections?.();
        server.close(() => r());
      }),
  };
}

describe("exchange: one request and its whole answer", () => {
  let server: http.Server;
  let site: Listening;
  let connections = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/split") {
        // "é" (two bytes in UTF-8) cut between two chunks must still read as one character.
        res.write(Buffer.from([0x22, 0xc3]));
        setTimeout(() => res.end(Buffer.from([0xa9, 0x22])), 20);
      } else if (req.url === "/silent") {
        req.resume();
      } else if (req.url === "/cut") {
        res.writeHead(200, { "content-length": "100" });
        res.write("{\"partial\":");
        setTimeout(() => req.socket.destroy(), 20);
      } else {
        let body = "";
        req.on("data", (d: Buffer) => (body += d.toString()));
        req.on("end", () => res.writeHead(201, { "X-Echo": req.headers["x-sign"] ?? "" }).end(JSON.stringify({ method: req.method, body, host: req.headers.host })));
      }
    });
    server.keepAliveTimeout = 60_000;
    server.on("connection", () => connections++);
    site = await listen(server);
  });
  afterAll(() => site.close());

  const call = (path: string, extra: Partial<HttpRequest> = {}, timeoutMs = 5_000) =>
    withEnv(NO_PROXIES, () => exchange({ method: "POST", url: `http://127.0.0.1:${site.port}${path}`, headers: { "x-sign": "abc" }, body: "{\"a\":1}", ...extra }, AbortSignal.timeout(timeoutMs)));

  it("sends the method, headers and body, and reads the status, lower-case headers and body", async () => {
    const res = await call("/echo");
    expect(res.status).toBe(201);
    expect(res.headers["x-echo"]).toBe("abc");
    expect(JSON.parse(res.body)).toEqual({ method: "POST", body: "{\"a\":1}", host: `127.0.0.1:${site.port}` });
  });

  it("keeps one connection for calls one after another", async () => {
    const before = connections;
    for (let i = 0; i < 5; i++) {
      await call("/echo");
      await new Promise((r) => setImmediate(r));
    }
    expect(connections - before).toBeLessThanOrEqual(1);
  });

  it("reads a character split between two chunks", async () => {
    expect((await call("/split")).body).toBe("\"é\"");
  });

  it("fails as a timeout when no answer comes before the signal", async () => {
    const started = Date.now();
    const err = await call("/silent", {}, 300).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFailure);
    expect((err as HttpFailure).code).toBe("RequestTimeout");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("fails as a reset connection when the answer is cut short", async () => {
    const err = await call("/cut").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFailure);
    expect((err as HttpFailure).code).toBe("ECONNRESET");
  });

  it("fails as refused when nobody listens", async () => {
    const gone = await listen(net.createServer());
    await gone.close();
    const err = await withEnv(NO_PROXIES, () => exchange({ method: "GET", url: `http://127.0.0.1:${gone.port}/`, headers: {} }, AbortSignal.timeout(5_000))).catch((e: unknown) => e);
    expect((err as HttpFailure).code).toBe("ECONNREFUSED");
  });
});

describe("exchange: proxies from the environment", () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let site: Listening;
  beforeAll(async () => {
    proxy = await startProxy();
    site = await listen(http.createServer((_req, res) => res.end("{}")));
  });
  afterAll(async () => {
    await proxy.close();
    await site.close();
  });

  const get = (env: Record<string, string | undefined>, url = `http://127.0.0.1:${site.port}/x`) =>
    withEnv({ ...NO_PROXIES, ...env }, () => exchange({ method: "GET", url, headers: { host: new URL(url).host } }, AbortSignal.timeout(5_000)));
  const askedSince = async (fn: () => Promise<unknown>) => {
    const before = proxy.asked.length;
    await fn().catch(() => undefined);
    return proxy.asked.slice(before);
  };

  it("sends an http endpoint's request to HTTP_PROXY in absolute form, with the proxy URL's credentials", async () => {
    const withUser = proxy.url.replace("http://", "http://ops:s%40cret@");
    const asked = await askedSince(() => get({ HTTP_PROXY: withUser }));
    expect(asked).toEqual([{ method: "GET", target: `http://127.0.0.1:${site.port}/x`, authorization: `Basic ${Buffer.from("ops:s@cret").toString("base64")}` }]);
  });

  it("prefers the lower-case spelling, as curl does", async () => {
    expect(await askedSince(() => get({ HTTP_PROXY: "http://127.0.0.1:1", http_proxy: proxy.url }))).toHaveLength(1);
  });

  it("takes a proxy given without a scheme as an HTTP proxy, as curl does", async () => {
    expect(await askedSince(() => get({ HTTP_PROXY: proxy.url.replace("http://", "") }))).toHaveLength(1);
  });

  it("names a proxy variable that holds no URL without echoing its value", async () => {
    const err = await get({ HTTPS_PROXY: "http://ops:hunter2@[::1" }, "https://127.0.0.1:1/").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFailure);
    expect((err as HttpFailure).message).toBe("HTTPS_PROXY is not a proxy URL");
  });

  it("tunnels an https endpoint through HTTPS_PROXY with CONNECT", async () => {
    // The tunnel leads to a plain HTTP server, so the TLS handshake inside it fails: what matters is the route.
    const asked = await askedSince(() => get({ HTTPS_PROXY: proxy.url }, `https://127.0.0.1:${site.port}/x`));
    expect(asked.map((a) => `${a.method} ${a.target}`)).toEqual([`CONNECT 127.0.0.1:${site.port}`]);
  });

  it("tunnels an https endpoint through HTTP_PROXY when HTTPS_PROXY is not set", async () => {
    const asked = await askedSince(() => get({ HTTP_PROXY: proxy.url }, `https://127.0.0.1:${site.port}/x`));
    expect(asked.map((a) => a.method)).toEqual(["CONNECT"]);
  });

  it("goes straight to hosts NO_PROXY names: exact, by domain suffix, with a port, or all with *", async () => {
    for (const noProxy of ["127.0.0.1", `127.0.0.1:${site.port}`, "*", "example.com, 127.0.0.1"]) {
      expect(await askedSince(() => get({ HTTP_PROXY: proxy.url, NO_PROXY: noProxy }))).toEqual([]);
    }
    expect(await askedSince(() => get({ HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1:1" }))).toHaveLength(1);
    expect(await askedSince(() => get({ HTTP_PROXY: proxy.url, NO_PROXY: ".localhost" }, `http://api.localhost:${site.port}/x`))).toEqual([]);
    expect(await askedSince(() => get({ HTTP_PROXY: proxy.url, NO_PROXY: "::1" }, `http://[::1]:${site.port}/x`))).toEqual([]);
    expect(await askedSince(() => get({ HTTP_PROXY: proxy.url, NO_PROXY: `[::1]:${site.port}` }, `http://[::1]:${site.port}/x`))).toEqual([]);
  });

  it("names the proxy and its answer when it refuses a tunnel", async () => {
    const refusing = await startProxy(407);
    try {
      const err = await get({ HTTPS_PROXY: refusing.url }, `https://127.0.0.1:${site.port}/x`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HttpFailure);
      expect((err as HttpFailure).code).toBe("EPROXY");
      expect((err as HttpFailure).message).toBe(`the proxy ${new URL(refusing.url).host} answered 407 to CONNECT 127.0.0.1:${site.port}`);
    } finally {
      await refusing.close();
    }
  });
});
