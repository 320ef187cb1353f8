import * as http from "http";
import type { AddressInfo } from "net";
import { drivers } from "../../provider/clouds/registry";
import { contextFor } from "../../provider/core/context";
import { isCloudError } from "../../provider/core/errors";
import { asCloudAdmin } from "../support/lifecycleSuite";
import { CLOUDS } from "./support";

/**
 * Malformed answers: a loopback server answering garbage (truncated JSON, an empty object, wrong types, HTML) to every
 * driver's describe. Each becomes a CloudError naming the cloud and the operation: never a crash (a TypeError) and
 * never a silent success.
 */
const GARBAGE: Record<string, string> = {
  "truncated JSON": '{"response": {"dataSet": [{"instanceId": "1',
  "an empty object": "{}",
  "wrong types": '{"response": {"dataSet": "none", "totalCount": "x"}, "result": {"instances": 7}, "instances": 7, "requestId": 1}',
  "an HTML page": "<html><body>502 Bad Gateway</body></html>",
  "JSON null": "null",
};

describe("malformed answers from the cloud", () => {
  let server: http.Server;
  let url: string;
  let answer = "";
  beforeAll(async () => {
    asCloudAdmin();
    server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(answer);
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const cases = CLOUDS.flatMap((c) => Object.entries(GARBAGE).map(([what, body]) => ({ cloud: c.cloud, region: c.region, what, body })));
  it.each(cases)("$cloud: $what becomes a clear CloudError", async ({ cloud, region, body }) => {
    answer = body;
    const driver = drivers[cloud];
    const ctx = contextFor(driver, { region, endpoint: url }, Date.now() + 30_000);
    const outcome = await driver.describe(ctx, ["i-probe1", "web-probe"]).then(
      (views) => ({ ok: true as const, views }),
      (err: unknown) => ({ ok: false as const, err }),
    );
    if (outcome.ok) {
      // An answer that says nothing may only mean "no such instance": it must never produce a view of a live instance.
      expect([...outcome.views.values()].filter((v) => v.phase === "ready")).toEqual([]);
      expect(body === "{}" || body.startsWith('{"response"')).toBe(true);
    } else {
      expect(isCloudError(outcome.err)).toBe(true);
      expect((outcome.err as Error).message).toMatch(new RegExp(`^${cloud} \\w+ failed: `));
    }
  });
});
