import * as http from "http";
import { startLocalcloud, type Localcloud } from "../../../localcloud/server";
import { MAX_BODY_BYTES } from "../../../localcloud/emulator";
import { ZC2_ALGORITHM, signZc2 } from "../../../signing/zc2";

interface Answer {
  status: number;
  body: string;
}

/** request sends one request; `body` may be a Buffer sent in chunks without a content-length. */
function request(lc: Localcloud, method: string, path: string, headers: Record<string, string>, body: string | Buffer = "", chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${lc.url}${path}`, { method, headers: chunked ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    // The server may close the connection before the whole body is written: the answer is what matters.
    req.on("error", (err: NodeJS.ErrnoException) => (["EPIPE", "ECONNRESET"].includes(err.code ?? "") ? undefined : reject(err)));
    if (chunked) {
      const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
      for (let i = 0; i < buf.length; i += 1 << 20) req.write(buf.subarray(i, i + (1 << 20)));
    } else req.write(body);
    req.end();
  });
}

/** zenlayerCall is a correctly signed Zenlayer request of `action` with the default localcloud key. */
function zenlayerCall(lc: Localcloud, action: string, body = "{}"): Promise<Answer> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    host: new URL(lc.url).host,
    "x-zc-action": action,
    "x-zc-version": "2022-11-20",
    "x-zc-service": "vm",
    "x-zc-timestamp": String(Math.floor(Date.now() / 1000)),
    "x-zc-signature-method": ZC2_ALGORITHM,
  };
  headers.authorization = signZc2({ method: "POST", headers, body }, "localcloud", "localcloud-secret", headers["x-zc-timestamp"]);
  return request(lc, "POST", "/api/v2/vm", headers, body);
}

async function stats(lc: Localcloud): Promise<{ calls: Record<string, Record<string, number>> }> {
  return JSON.parse((await request(lc, "GET", "/_localcloud/stats", {})).body);
}

describe("localcloud server", () => {
  let lc: Localcloud;
  beforeAll(async () => {
    lc = await startLocalcloud({ timeScale: 0.01, rateLimits: false });
  });
  afterAll(() => lc.close());
  beforeEach(() => request(lc, "POST", "/_localcloud/stats/reset", {}));

  it("keeps a client's connection open between calls, as the clouds' endpoints do", async () => {
    // HTTP clients drop an idle connection a margin before the server's keep-alive hint runs out (Node's agent, the
    // provider's, by a second): with Node's default hint of 5 s, calls a poll interval apart would each connect anew.
    let connections = 0;
    const hints: string[] = [];
    const agent = new http.Agent({ keepAlive: true });
    const connect = agent.createConnection.bind(agent);
    agent.createConnection = (...args: Parameters<typeof connect>) => {
      connections++;
      return connect(...args);
    };
    try {
      for (let i = 0; i < 5; i++) {
        const status = await new Promise<number>((resolve, reject) => {
          http
            .get(`${lc.url}/_localcloud/stats`, { agent }, (res) => {
              hints.push(String(res.headers["keep-alive"]));
              res.resume().on("end", () => resolve(res.statusCode ?? 0));
            })
            .on("error", reject);
        });
        expect(status).toBe(200);
        // The agent takes a finished connection back into its pool on the next turn of the event loop.
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      agent.destroy();
    }
    expect(connections).toBe(1);
    expect(hints.every((h) => Number(/timeout=(\d+)/.exec(h)?.[1]) >= 60)).toBe(true);
  });

  it("counts no call that fails authentication, whatever action it names", async () => {
    for (let i = 0; i < 50; i++) {
      const answer = await request(lc, "POST", "/api/v2/vm", { "content-type": "application/json", "x-zc-action": `Made-Up-${i}` }, "{}");
      expect(answer.status).toBe(401);
    }
    expect((await stats(lc)).calls).toEqual({});
  });

  it("counts authenticated calls by action, and made-up actions under a bounded number of names", async () => {
    expect((await zenlayerCall(lc, "DescribeZones")).status).toBe(200);
    for (let i = 0; i < 260; i++) await zenlayerCall(lc, `MadeUp${i}`);
    const calls = (await stats(lc)).calls.zenlayer;
    expect(calls.DescribeZones).toBe(1);
    expect(Object.keys(calls).length).toBeLessThanOrEqual(201);
    expect(Object.values(calls).reduce((a, b) => a + b, 0)).toBe(261);
  });

  it.each([
    ["a body that is not JSON", "{kind:", /must be JSON/],
    ["an unknown kind", JSON.stringify({ kind: "meltdown" }), /kind must be one of throttle, error5xx/],
    ["a rate above 1", JSON.stringify({ kind: "throttle", rate: 7 }), /rate must be a number from 0 to 1/],
    ["a negative count", JSON.stringify({ faults: [{ kind: "throttle", count: 1 }, { kind: "reset", count: -2 }] }), /faults\[1\] count must be a whole number/],
    ["faults that are not a list", JSON.stringify({ faults: "throttle" }), /faults must be a list/],
    ["a rule that is not an object", "[1]", /must be an object/],
  ])("answers 400 naming the problem for a fault rule with %s, and adds nothing", async (_label, body, message) => {
    const answer = await request(lc, "POST", "/_localcloud/faults", { "content-type": "application/json" }, body);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error).toMatch(message);
    expect(JSON.parse((await request(lc, "GET", "/_localcloud/faults", {})).body).faults).toEqual([]);
  });

  it("still adds valid fault rules", async () => {
    const answer = await request(lc, "POST", "/_localcloud/faults", {}, JSON.stringify({ faults: [{ cloud: "zenlayer", kind: "throttle", count: 1 }] }));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).faults).toEqual([{ cloud: "zenlayer", kind: "throttle", count: 1 }]);
    await request(lc, "DELETE", "/_localcloud/faults", {});
  });

  const big = Buffer.alloc(MAX_BODY_BYTES + 1024, "a");
  it.each([
    ["announced by its content-length", false],
    ["sent in chunks", true],
  ])("answers a body over the limit %s with the cloud's 413 and does not run the call", async (_label, chunked) => {
    const answer = await request(lc, "POST", "/api/v2/vm", { "content-type": "application/json", "x-zc-action": "CreateInstances" }, big, chunked);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "REQUEST_ENTITY_TOO_LARGE" });
    expect((await stats(lc)).calls).toEqual({});
  });

  it("answers Lighthouse's oversize body in its own envelope", async () => {
    const answer = await request(lc, "POST", "/", { "content-type": "application/json", "x-tc-action": "CreateInstances", host: "lighthouse.tencentcloudapi.com" }, big);
    expect(JSON.parse(answer.body).Response.Error.Code).toBe("RequestSizeLimitExceeded");
  });
});
