import * as net from "net";
import type { AddressInfo } from "net";
import { newStateDir, runStack } from "../support/engine";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

jest.setTimeout(300_000);

/**
 * Stack-level configuration through the real engine: named accounts, regions from the stack config, one endpoint
 * key for every cloud, and a fast, readable failure when nothing listens at the endpoint.
 */
describe("configuration through the engine", () => {
  let lc: LocalcloudHandle;
  beforeAll(async () => {
    lc = await startTestLocalcloud({ credentials: { localcloud: "localcloud-secret", alpha: "alpha-secret", beta: "beta-secret" } });
  });
  afterAll(() => lc.close());

  it("runs two accounts in one stack, every cloud at lightfleet:endpoint, each in its lightfleet:<cloud>Region", async () => {
    const config: Record<string, string> = {
      "lightfleet:endpoint": lc.url,
      zone: "us-west-2a",
      "lightfleet:lightsailRegion": "us-west-2",
      "lightfleet:lighthouseRegion": "ap-shanghai",
      "lightfleet:zenlayerRegion": "asia-east-1",
      "lightfleet:jdcloudRegion": "cn-north-1",
      "lightfleet:accounts.alpha.lightsailAccessKey": "alpha",
      "lightfleet:accounts.beta.lightsailAccessKey": "beta",
    };
    const secrets: Record<string, string> = {
      "lightfleet:accounts.alpha.lightsailSecretKey": "alpha-secret",
      "lightfleet:accounts.beta.lightsailSecretKey": "beta-secret",
    };
    for (const cloud of ["lighthouse", "zenlayer", "jdcloud"]) {
      config[`lightfleet:${cloud}AccessKey`] = "localcloud";
      secrets[`lightfleet:${cloud}SecretKey`] = "localcloud-secret";
    }
    const o = { example: "accounts", stack: "dev", stateDir: newStateDir("accounts"), config, secrets };
    const up = await runStack("up", o);
    expect({ ok: up.ok, error: up.error }).toEqual({ ok: true, error: undefined });
    const placed = (await lc.instances()).map((i) => `${i.cloud} ${i.region}`).sort();
    expect(placed).toEqual(["jdcloud cn-north-1", "lighthouse ap-shanghai", "lightsail us-west-2", "lightsail us-west-2", "zenlayer asia-east-1"]);
    expect((await lc.instances("lightsail")).map((i) => i.name).sort()).toEqual(["alpha-1", "beta-1"]);

    // A refresh that runs the program uses the current configuration, not the copy the engine recorded at the
    // last up: a wrong current secret fails it (see the README on rotating keys). It also records that
    // configuration, so the destroy runs the program too, with the right secret.
    const wrong = { ...o, secrets: { ...secrets, "lightfleet:accounts.alpha.lightsailSecretKey": "rotated-away" } };
    const current = await runStack("refresh", { ...wrong, extra: ["--run-program"] });
    expect(current.ok).toBe(false);
    expect(current.log).toMatch(/lightsail GetInstances failed: SignatureDoesNotMatch/);

    const down = await runStack("destroy", { ...o, extra: ["--run-program"] });
    expect(down.ok).toBe(true);
    expect(await lc.instances()).toHaveLength(0);
  });

  it("fails a create at a closed port within seconds, naming the endpoint, with no stack trace", async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.3", r));
    const endpoint = `http://127.0.0.3:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((r) => probe.close(() => r()));
    const up = await runStack("up", {
      example: "lightsail",
      stack: "closed",
      stateDir: newStateDir("closed"),
      config: { endpoint, count: 1, "lightfleet:lightsailAccessKey": "localcloud" },
      secrets: { "lightfleet:lightsailSecretKey": "localcloud-secret" },
    });
    expect(up.ok).toBe(false);
    expect(up.log).toContain(`nothing is listening at ${endpoint} - is localcloud running?`);
    expect(up.log).not.toMatch(/\.ts:\d+|\n\s+at /);
    // The engine's own measure of the update, from the program's start to the failure.
    const seconds = Number(/Duration: (\d+)s/.exec(up.log)?.[1]);
    expect(seconds).toBeLessThanOrEqual(15);
  });
});
