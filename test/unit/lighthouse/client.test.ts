import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withEnv } from "../../support/env";
import { serviceUrl, tencentCall } from "../../../provider/clouds/lighthouse/client";
import { lighthouseDriver } from "../../../provider/clouds/lighthouse";
import type { DriverContext } from "../../../provider/core/driver";
import { CloudError } from "../../../provider/core/errors";
import { parseTc3Authorization } from "../../../signing/tc3";

function ctxAt(endpoint: string): DriverContext {
  return {
    cloud: "lighthouse",
    region: "ap-guangzhou",
    endpoint,
    account: "lighthouse|test",
    credentials: { accessKeyId: "AKIDtest", secretAccessKey: "top-secret", sessionToken: "tok" },
    clock: { now: () => 1_700_000_000_000, sleep: async () => undefined, random: () => 0.5 },
    send: async () => {
      throw new Error("not used");
    },
    waitFor: async () => new Map(),
    batch: async () => {
      throw new Error("not used");
    },
    deadline: 0,
    log: () => undefined,
  };
}

const call = (endpoint: string, service: "lighthouse" | "tag") =>
  tencentCall(ctxAt(endpoint), { service, action: service === "tag" ? "TagResources" : "DescribeInstances", params: { Limit: 1 }, region: "ap-guangzhou", parse: (r) => r });

describe("lighthouse requests", () => {
  it.each([
    ["https://lighthouse.tencentcloudapi.com", "lighthouse", "https://lighthouse.tencentcloudapi.com/"],
    ["https://lighthouse.tencentcloudapi.com", "tag", "https://tag.tencentcloudapi.com/"],
    ["https://lighthouse.intl.tencentcloudapi.com", "tag", "https://tag.intl.tencentcloudapi.com/"],
    ["http://127.0.0.1:4600", "tag", "http://127.0.0.1:4600/"],
  ] as const)("send %s's %s calls to %s", (endpoint, service, url) => {
    expect(serviceUrl(endpoint, service).toString()).toBe(url);
  });

  it.each(["lighthouse", "tag"] as const)("sign %s calls to a localcloud URL for that service, host without port", (service) => {
    const req = call("http://127.0.0.1:4600", service).build();
    const auth = parseTc3Authorization(req.headers.Authorization);
    expect(auth).toMatchObject({ service, secretId: "AKIDtest", date: "2023-11-14", signedHeaders: ["content-type", "host"] });
    expect(req.headers).toMatchObject({ "X-TC-Timestamp": "1700000000", "X-TC-Token": "tok", "X-TC-Version": service === "tag" ? "2018-08-13" : "2020-03-24" });
    expect(JSON.stringify(req)).not.toContain("top-secret");
  });
});

describe("lighthouse answers", () => {
  const answer = (body: unknown, status = 200) => ({ status, headers: {}, body: typeof body === "string" ? body : JSON.stringify(body) });
  const fail = (code: string) => answer({ Response: { Error: { Code: code, Message: "m" }, RequestId: "r-1" } });

  it("returns the Response object of a success", () => {
    expect(call("http://x", "lighthouse").parse(answer({ Response: { TotalCount: 0, RequestId: "r" } }))).toEqual({ TotalCount: 0, RequestId: "r" });
  });

  it.each([
    ["RequestLimitExceeded", true, true],
    ["RequestLimitExceeded.UinLimitExceeded", true, true],
    ["InternalError", true, false],
    ["InternalError.RequestError", true, false],
    ["UnsupportedOperation.LatestOperationUnfinished", true, false],
    ["AuthFailure.SignatureFailure", false, false],
    ["InvalidParameterValue.OutOfRange", false, false],
    ["ResourceNotFound.InstanceIdNotFound", false, false],
  ])("classifies %s (retryable %s, throttled %s)", (code, retryable, throttled) => {
    let err: unknown;
    try {
      call("http://x", "lighthouse").parse(fail(code));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CloudError);
    expect(err).toMatchObject({ code, retryable, throttled, requestId: "r-1" });
  });

  it.each([
    ["not JSON", answer("<html>"), "MalformedResponse"],
    ["no Response", answer({ foo: 1 }), "MalformedResponse"],
    ["a 502", answer("bad gateway", 502), "HTTP502"],
  ])("turns %s into a CloudError", (_what, res, code) => {
    expect(() => call("http://x", "lighthouse").parse(res)).toThrow(expect.objectContaining({ code }));
  });
});

describe("lighthouse credentials", () => {
  const home = () => fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-tccli-"));

  it("reads the Tencent Cloud environment variables, TENCENTCLOUD_SECURITY_TOKEN included", async () => {
    await withEnv({ HOME: home(), TENCENTCLOUD_SECRET_ID: "id", TENCENTCLOUD_SECRET_KEY: "key", TENCENTCLOUD_SECURITY_TOKEN: "t" }, async () =>
      expect(await lighthouseDriver.credentialsFromChain()).toEqual({ accessKeyId: "id", secretAccessKey: "key", sessionToken: "t" }),
    );
    await withEnv({ HOME: home(), TENCENTCLOUD_SECRET_ID: "id" }, async () => expect(await lighthouseDriver.credentialsFromChain()).toBeUndefined());
    expect(lighthouseDriver.credentialHelp).toMatch(/lightfleet:lighthouseAccessKey.*lightfleet:lighthouseSecretKey.*TENCENTCLOUD_SECRET_ID.*TENCENTCLOUD_SECRET_KEY.*TENCENTCLOUD_SECURITY_TOKEN/);
  });

  it("reads the TCCLI profile file of TENCENTCLOUD_PROFILE or of the profile it is given", async () => {
    const dir = home();
    fs.mkdirSync(path.join(dir, ".tccli"));
    fs.writeFileSync(path.join(dir, ".tccli", "default.credential"), JSON.stringify({ secretId: "AKIDdef", secretKey: "def-key" }));
    fs.writeFileSync(path.join(dir, ".tccli", "ops.credential"), JSON.stringify({ secretId: "AKIDops", secretKey: "ops-key", token: "ops-token" }));
    await withEnv({ HOME: dir }, async () => expect(await lighthouseDriver.credentialsFromChain()).toEqual({ accessKeyId: "AKIDdef", secretAccessKey: "def-key", sessionToken: undefined }));
    await withEnv({ HOME: dir, TENCENTCLOUD_PROFILE: "ops" }, async () => expect(await lighthouseDriver.credentialsFromChain()).toMatchObject({ accessKeyId: "AKIDops", sessionToken: "ops-token" }));
    await withEnv({ HOME: dir, TENCENTCLOUD_SECRET_ID: "id", TENCENTCLOUD_SECRET_KEY: "key" }, async () =>
      expect(await lighthouseDriver.credentialsFromChain("ops")).toMatchObject({ accessKeyId: "AKIDops" }),
    );
    await withEnv({ HOME: dir }, async () => expect(await lighthouseDriver.credentialsFromChain("nobody")).toBeUndefined());
  });
});
