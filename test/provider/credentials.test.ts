import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import type { AddressInfo } from "net";
import { drivers } from "../../provider/clouds/registry";
import { lighthouseDriver } from "../../provider/clouds/lighthouse";
import { lightsailDriver } from "../../provider/clouds/lightsail";
import { resolveCredentials } from "../../provider/core/credentials";
import { contextFor } from "../../provider/core/context";
import { setStackConfig } from "../../provider/core/stackConfig";
import { CloudError } from "../../provider/core/errors";
import type { CloudName } from "../../provider/core/types";
import { withEnv } from "../support/env";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

const envNames: Record<CloudName, string[]> = {
  lightsail: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"],
  lighthouse: ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECURITY_TOKEN"],
  zenlayer: ["ZENLAYERCLOUD_ACCESS_KEY_ID", "ZENLAYERCLOUD_ACCESS_KEY_PASSWORD"],
  jdcloud: ["JDCLOUD_ACCESS_KEY", "JDCLOUD_SECRET_KEY"],
};

const envWith: Record<CloudName, Record<string, string>> = {
  lightsail: { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "env-secret" },
  lighthouse: { TENCENTCLOUD_SECRET_ID: "AKIDENV", TENCENTCLOUD_SECRET_KEY: "env-secret" },
  zenlayer: { ZENLAYERCLOUD_ACCESS_KEY_ID: "AKIDENV", ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: "env-secret" },
  jdcloud: { JDCLOUD_ACCESS_KEY: "AKIDENV", JDCLOUD_SECRET_KEY: "env-secret" },
};

/** An empty home: no AWS or TCCLI profile files can be found under it. */
const emptyHome = fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-home-"));
afterAll(() => fs.rmSync(emptyHome, { recursive: true, force: true }));

function config(values: Record<string, unknown>): void {
  setStackConfig({ get: (k: string) => values[k] });
}

async function failure(p: Promise<unknown>): Promise<CloudError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(CloudError);
  return err as CloudError;
}

/** Credentials come from the stack config first, then the cloud's chain; a missing one says where to put it. */
describe.each(Object.keys(envNames) as CloudName[])("in-process provider: %s credentials", (cloud) => {
  const driver = drivers[cloud];
  afterEach(() => setStackConfig(undefined));

  it("names the environment variables and config keys when none is found", async () => {
    const err = await withEnv({ HOME: emptyHome }, () => failure(resolveCredentials(driver)));
    expect(err.code).toBe("MissingCredentials");
    for (const name of [...envNames[cloud], `lightfleet:${cloud}AccessKey`, `lightfleet:${cloud}SecretKey`]) expect(err.message).toContain(name);
  });

  it("reads the cloud's environment variables at call time", async () => {
    await withEnv({ HOME: emptyHome, ...envWith[cloud] }, async () =>
      expect(await resolveCredentials(driver)).toMatchObject({ accessKeyId: "AKIDENV", secretAccessKey: "env-secret" }),
    );
  });

  it("prefers the stack config over the environment", async () => {
    config({ [`lightfleet:${cloud}AccessKey`]: "AKIDCFG", [`lightfleet:${cloud}SecretKey`]: "cfg-secret" });
    await withEnv({ HOME: emptyHome, ...envWith[cloud] }, async () =>
      expect(await resolveCredentials(driver)).toMatchObject({ accessKeyId: "AKIDCFG", secretAccessKey: "cfg-secret" }),
    );
  });

  it("gives a named account its own keys from lightfleet:accounts, and never the environment's", async () => {
    config({ "lightfleet:accounts": JSON.stringify({ prod: { [`${cloud}AccessKey`]: "AKIDPROD", [`${cloud}SecretKey`]: "prod-secret" }, empty: {} }) });
    await withEnv({ HOME: emptyHome, ...envWith[cloud] }, async () => {
      expect(await resolveCredentials(driver, "prod")).toMatchObject({ accessKeyId: "AKIDPROD", secretAccessKey: "prod-secret" });
      expect(await resolveCredentials(driver)).toMatchObject({ accessKeyId: "AKIDENV" });
      expect((await failure(resolveCredentials(driver, "empty"))).message).toContain(`lightfleet:accounts.empty.${cloud}AccessKey`);
      expect((await failure(resolveCredentials(driver, "staging"))).message).toMatch(/account "staging" has no .* credentials in the stack config/);
    });
  });
});

describe("in-process provider: credential chains reaching localcloud", () => {
  let lc: LocalcloudHandle;
  let dir: string;
  beforeAll(async () => {
    lc = await startTestLocalcloud({ credentials: { localcloud: "localcloud-secret", AKIDPROCESS: "process-secret" } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-chain-"));
  });
  afterAll(async () => {
    await lc.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => setStackConfig(undefined));

  /** A signed Lightsail call through core: it succeeds only when the credentials the chain found are genuine. */
  async function lightsailCall(account?: string): Promise<string> {
    const ctx = contextFor(lightsailDriver, { region: "us-east-1", endpoint: lc.url, account }, Date.now() + 30_000);
    await lightsailDriver.describe(ctx, ["no-such-instance"]);
    return ctx.credentials.accessKeyId;
  }

  function awsConfig(name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  }

  const sts = async () => (await lc.stats()).calls.lightsail ?? {};

  it("runs a profile's credential_process", async () => {
    const script = path.join(dir, "creds.js");
    fs.writeFileSync(script, `console.log(JSON.stringify({ Version: 1, AccessKeyId: "AKIDPROCESS", SecretAccessKey: "process-secret" }));`);
    const file = awsConfig("process.config", `[profile tool]\ncredential_process = ${process.execPath} ${script}\n`);
    await withEnv({ HOME: dir, AWS_CONFIG_FILE: file, AWS_PROFILE: "tool" }, async () => expect(await lightsailCall()).toBe("AKIDPROCESS"));
  });

  it("assumes a profile's role_arn with its source_profile's keys (STS AssumeRole, SigV4 verified)", async () => {
    const file = awsConfig(
      "role.config",
      "[profile base]\naws_access_key_id = localcloud\naws_secret_access_key = localcloud-secret\n\n" +
        "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deployer\nsource_profile = base\nregion = us-east-1\n",
    );
    const before = (await sts()).AssumeRole ?? 0;
    await withEnv({ HOME: dir, AWS_CONFIG_FILE: file, AWS_PROFILE: "deploy", AWS_ENDPOINT_URL_STS: lc.url }, async () => expect(await lightsailCall()).toMatch(/^ASIA/));
    expect((await sts()).AssumeRole).toBe(before + 1);
  });

  it("refuses the role when the source profile's secret is wrong", async () => {
    const file = awsConfig(
      "badrole.config",
      "[profile base]\naws_access_key_id = localcloud\naws_secret_access_key = wrong\n\n" +
        "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deployer\nsource_profile = base\nregion = us-east-1\n",
    );
    const err = await withEnv({ HOME: dir, AWS_CONFIG_FILE: file, AWS_PROFILE: "deploy", AWS_ENDPOINT_URL_STS: lc.url }, () => failure(lightsailCall()));
    expect(err.code).toBe("MissingCredentials");
    expect(err.message).toMatch(/signature/i);
  });

  it("exchanges a web identity token file for a role (STS AssumeRoleWithWebIdentity)", async () => {
    const token = path.join(dir, "token");
    fs.writeFileSync(token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2ln");
    const before = (await sts()).AssumeRoleWithWebIdentity ?? 0;
    await withEnv(
      { HOME: dir, AWS_WEB_IDENTITY_TOKEN_FILE: token, AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/ci", AWS_ROLE_SESSION_NAME: "ci-run", AWS_REGION: "us-east-1", AWS_ENDPOINT_URL_STS: lc.url },
      async () => expect(await lightsailCall()).toMatch(/^ASIA/),
    );
    expect((await sts()).AssumeRoleWithWebIdentity).toBe(before + 1);
  });

  it("reads a named account from flat keys too (config set without --path)", async () => {
    config({ "lightfleet:accounts.flat.lightsailAccessKey": "AKIDPROCESS", "lightfleet:accounts.flat.lightsailSecretKey": "process-secret" });
    await withEnv({ HOME: dir }, async () => expect(await lightsailCall("flat")).toBe("AKIDPROCESS"));
  });

  it("uses a named account's AWS profile", async () => {
    const file = awsConfig("accounts.credentials", "[ops]\naws_access_key_id = AKIDPROCESS\naws_secret_access_key = process-secret\n");
    config({ "lightfleet:accounts": { ops: { lightsailProfile: "ops" } } });
    await withEnv({ HOME: dir, AWS_SHARED_CREDENTIALS_FILE: file, AWS_ACCESS_KEY_ID: "localcloud", AWS_SECRET_ACCESS_KEY: "localcloud-secret" }, async () => {
      expect(await lightsailCall("ops")).toBe("AKIDPROCESS");
      expect(await lightsailCall()).toBe("localcloud");
    });
  });
});

describe("in-process provider: Tencent temporary keys", () => {
  it("send TENCENTCLOUD_SECURITY_TOKEN as X-TC-Token with every signed call", async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ Response: { TotalCount: 0, InstanceSet: [], RequestId: "r-1" } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await withEnv({ HOME: emptyHome, TENCENTCLOUD_SECRET_ID: "AKIDtemp", TENCENTCLOUD_SECRET_KEY: "temp-secret", TENCENTCLOUD_SECURITY_TOKEN: "temp-token" }, async () => {
        const ctx = contextFor(lighthouseDriver, { region: "ap-guangzhou", endpoint: url }, Date.now() + 30_000);
        await lighthouseDriver.describe(ctx, ["lhins-00000000"]);
      });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect(seen.length).toBeGreaterThan(0);
    for (const h of seen) {
      expect(h["x-tc-token"]).toBe("temp-token");
      expect(h.authorization).toContain("Credential=AKIDtemp/");
    }
  });
});
