import { withEnv } from "../../support/env";

// Records when the AWS SDK's credential chain is loaded; it is the real module otherwise.
let mockChainLoaded = false;
jest.mock("@aws-sdk/credential-providers", () => {
  mockChainLoaded = true;
  return jest.requireActual("@aws-sdk/credential-providers");
});

describe("the AWS SDK's credential chain", () => {
  it("is loaded when Lightsail first needs credentials, not with the provider", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { instance } = require("../../../provider") as typeof import("../../../provider");
    expect(instance.check).toBeDefined();
    expect(mockChainLoaded).toBe(false);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { lightsailDriver } = require("../../../provider/clouds/lightsail") as typeof import("../../../provider/clouds/lightsail");
    await withEnv({ AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "envsecret" }, async () =>
      expect(await lightsailDriver.credentialsFromChain()).toEqual({ accessKeyId: "AKIDENV", secretAccessKey: "envsecret" }),
    );
    expect(mockChainLoaded).toBe(true);
  });
});
