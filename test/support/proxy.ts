import * as http from "http";
import * as net from "net";
import type { AddressInfo } from "net";

/** Asked is one request a test proxy received: its method, its target and the credentials it carried. */
export interface Asked {
  method: string;
  target: string;
  authorization?: string;
}

/**
 * startProxy runs a forward proxy on loopback that records what it is asked: absolute-form requests are passed on,
 * CONNECT opens a tunnel (or is answered `connectStatus` when that is not 200).
 */
export async function startProxy(connectStatus = 200): Promise<{ url: string; asked: Asked[]; close(): Promise<void> }> {
  const asked: Asked[] = [];
  const server = http.createServer((req, res) => {
    asked.push({ method: req.method ?? "", target: req.url ?? "", authorization: req.headers["proxy-authorization"] });
    const target = new URL(req.url ?? "");
    const upstream = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    asked.push({ method: "CONNECT", target: req.url ?? "", authorization: req.headers["proxy-authorization"] });
    if (connectStatus !== 200) return void client.end(`HTTP/1.1 ${connectStatus} No\r\ncontent-length: 0\r\n\r\n`);
    const [host, port] = (req.url ?? "").split(":");
    const upstream = net.connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
