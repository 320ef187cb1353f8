import * as http from "http";
import type { AddressInfo } from "net";
import { CloudError } from "../../../provider/core/errors";
import { mayHaveBeenPerformed, send, withoutBlindRepeats, type ApiCall } from "../../../provider/core/transport";

/** A server whose every answer is a 500: the cloud may have done the work before it failed. */
let server: http.Server;
let url: string;
let requests = 0;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    requests++;
    res.writeHead(500).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => (requests = 0));

/** call is one API call to the failing server; its 5xx answers are retryable. */
function call(): ApiCall<unknown> {
  return {
    cloud: "lighthouse",
    operation: "CreateInstances",
    build: () => ({ method: "POST", url, headers: {}, body: "{}" }),
    parse: (res) => {
      throw new CloudError({ cloud: "lighthouse", operation: "CreateInstances", code: "InternalError", message: `HTTP ${res.status}`, retryable: true });
    },
  };
}

/** A context whose calls retry three times at once. */
const ctx = { send: <T>(c: ApiCall<T>) => send(c, { retry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 } }) };

describe("calls that must not be repeated blindly", () => {
  it("raise a failure that may have been performed after one attempt, marked so the caller looks before asking again", async () => {
    const err = await withoutBlindRepeats(ctx).send(call()).catch((e: unknown) => e);
    expect(requests).toBe(1);
    expect(mayHaveBeenPerformed(err)).toBe(true);
  });

  it("leave the other calls of the same operation retried, even those made after them", async () => {
    await withoutBlindRepeats(ctx).send(call()).catch(() => undefined);
    requests = 0;
    await ctx.send(call()).catch(() => undefined);
    expect(requests).toBe(3);
  });
});
