import * as os from "os";
import { drivers } from "../../provider/clouds/registry";
import { resolveCredentials, setStackConfig } from "../../provider/core/credentials";
import { CloudError } from "../../provider/core/errors";
import type { CloudName } from "../../provider/core/types";

const envNames: Record<CloudName, string[]> = {
  lightsail: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"],
  lighthouse: ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"],
  zenlayer: ["ZENLAYERCLOUD_ACCESS_KEY_ID", "ZENLAYERCLOUD_ACCESS_KEY_PASSWORD"],
  jdcloud: ["JDCLOUD_ACCESS_KEY", "JDCLOUD_SECRET_KEY"],
};

const envWith: Record<CloudName, NodeJS.ProcessEnv> = {
  lightsail: { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "env-secret" },
  lighthouse: { TENCENTCLOUD_SECRET_ID: "AKIDENV", TENCENTCLOUD_SECRET_KEY: "env-secret" },
  zenlayer: { ZENLAYERCLOUD_ACCESS_KEY_ID: "AKIDENV", ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: "env-secret" },
  jdcloud: { JDCLOUD_ACCESS_KEY: "AKIDENV", JDCLOUD_SECRET_KEY: "env-secret" },
};

/** Credentials come from the stack config first, then the cloud's usual environment; a missing one says where to put it. */
describe.each(Object.keys(envNames) as CloudName[])("%s credentials", (cloud) => {
  const driver = drivers[cloud];
  // No shared AWS credentials file can be found under an empty home.
  const bare: NodeJS.ProcessEnv = { HOME: os.tmpdir(), AWS_SHARED_CREDENTIALS_FILE: `${os.tmpdir()}/lightfleet-no-such-file` };
  afterEach(() => setStackConfig(undefined));

  it("names the environment variables and config keys when none is found", () => {
    setStackConfig(undefined);
    let err: unknown;
    try {
      resolveCredentials(driver, bare);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CloudError);
    expect((err as CloudError).code).toBe("MissingCredentials");
    for (const name of [...envNames[cloud], `lightfleet:${cloud}AccessKey`, `lightfleet:${cloud}SecretKey`]) {
      expect((err as CloudError).message).toContain(name);
    }
  });

  it("reads the cloud's environment variables at call time", () => {
    setStackConfig(undefined);
    expect(resolveCredentials(driver, { ...bare, ...envWith[cloud] })).toMatchObject({ accessKeyId: "AKIDENV", secretAccessKey: "env-secret" });
  });

  it("prefers the stack config over the environment", () => {
    setStackConfig({ get: (k) => ({ [`lightfleet:${cloud}AccessKey`]: "AKIDCFG", [`lightfleet:${cloud}SecretKey`]: "cfg-secret" })[k] });
    expect(resolveCredentials(driver, { ...bare, ...envWith[cloud] })).toMatchObject({ accessKeyId: "AKIDCFG", secretAccessKey: "cfg-secret" });
  });
});
