import * as net from "net";
import type { AddressInfo } from "net";
import { lightsailDriver } from "../../provider/clouds/lightsail";
import { contextFor } from "../../provider/core/context";
import { CloudError } from "../../provider/core/errors";
import { setStackConfig } from "../../provider/core/stackConfig";
import { withEnv } from "../support/env";
import { startProxy } from "../support/proxy";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

const keys = { AWS_ACCESS_KEY_ID: "localcloud", AWS_SECRET_ACCESS_KEY: "localcloud-secret" };

describe("in-process provider: cloud calls through a proxy", () => {
  let lc: LocalcloudHandle;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    setStackConfig(undefined);
    lc = await startTestLocalcloud();
    proxy = await startProxy();
  });
  afterAll(async () => {
    await proxy.close();
    await lc.close();
  });

  const describeOne = () => lightsailDriver.describe(contextFor(lightsailDriver, { region: "us-east-1", endpoint: lc.url }, Date.now() + 30_000), ["web-1"]);

  it("go through HTTP_PROXY and still verify at the cloud", async () => {
    const before = proxy.asked.length;
    await withEnv({ ...keys, HTTP_PROXY: proxy.url }, async () => expect((await describeOne()).size).toBe(0));
    const host = new URL(lc.url).host;
    expect(proxy.asked.slice(before).some((a) => a.target.includes(host))).toBe(true);
  });

  it("go straight to a host NO_PROXY names", async () => {
    const before = proxy.asked.length;
    await withEnv({ ...keys, HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" }, async () => expect((await describeOne()).size).toBe(0));
    expect(proxy.asked.length).toBe(before);
  });
});

describe("in-process provider: an endpoint nobody listens at", () => {
  it("fails within seconds, naming the endpoint", async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.3", r));
    const endpoint = `http://127.0.0.3:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((r) => probe.close(() => r()));
    const started = Date.now();
    const err = await withEnv(keys, () =>
      lightsailDriver.describe(contextFor(lightsailDriver, { region: "us-east-1", endpoint }, Date.now() + 60_000), ["web-1"]).then(() => undefined, (e: unknown) => e),
    );
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(CloudError);
    expect((err as CloudError).message).toContain(`nothing is listening at ${endpoint} - is localcloud running?`);
    expect((err as CloudError).retryable).toBe(false);
    expect(elapsed).toBeLessThan(12_000);
  }, 20_000);
});
