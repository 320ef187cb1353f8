import { createHash } from "crypto";
import { parseTc3Authorization, signTc3, tc3Date, type Tc3SigningInput } from "../../../signing/tc3";

/** The official Node SDK's signer, used only as an independent oracle. */
const OfficialSign = require("tencentcloud-sdk-nodejs/tencentcloud/common/sign").default as {
  sign3(opts: Record<string, unknown>): string;
};

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The reference's published vector (checked against the Python SDK's signer). */
const vector: Tc3SigningInput = {
  secretId: "AKIDEXAMPLE",
  secretKey: "SECRETEXAMPLE",
  service: "lighthouse",
  timestamp: 1700000000,
  method: "POST",
  path: "/",
  query: "",
  headers: { "Content-Type": "application/json", Host: "lighthouse.tencentcloudapi.com" },
  payload: '{"Limit":1}',
};

describe("signTc3 on the published vector", () => {
  const sig = signTc3(vector);

  it("hashes the body, the canonical request and signs as the reference states", () => {
    expect(sig.canonicalRequest.split("\n").pop()).toBe("55522f708dcfebccb7bd3e8d0001a53ecaf2beca9ca801f1e9161e24215faa99");
    expect(sha256(sig.canonicalRequest)).toBe("e881a0a52b72a6e377f02740d685dd253e2e642c6715245c8e6ccc87de2d2158");
    expect(sig.signature).toBe("4eca928e2d952051940527baa66d5da2a1bd2cf249ffcb10c412fe0662e72502");
  });

  it("writes the Authorization header with the credential scope of the timestamp's UTC date", () => {
    expect(tc3Date(1700000000)).toBe("2023-11-14");
    expect(sig.authorization).toBe(
      "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/lighthouse/tc3_request, SignedHeaders=content-type;host, Signature=4eca928e2d952051940527baa66d5da2a1bd2cf249ffcb10c412fe0662e72502",
    );
  });

  it("canonicalises header names and values (case, surrounding spaces, order)", () => {
    const messy = signTc3({ ...vector, headers: { "  HOST ": " Lighthouse.TencentCloudAPI.com ", "content-TYPE": "application/json" } });
    expect(messy.signature).toBe(sig.signature);
  });
});

describe("signTc3 agrees with the official Node SDK's signer", () => {
  const cases: Array<{ name: string; service: string; host: string; body: Record<string, unknown>; timestamp: number }> = [
    { name: "DescribeInstances", service: "lighthouse", host: "lighthouse.tencentcloudapi.com", body: { Limit: 100, Offset: 0 }, timestamp: 1718000000 },
    { name: "CreateInstances with unicode", service: "lighthouse", host: "lighthouse.tencentcloudapi.com", body: { InstanceName: "网站-1", InstanceCount: 2 }, timestamp: 1700086399 },
    { name: "Tag service", service: "tag", host: "tag.tencentcloudapi.com", body: { ResourceList: ["qcs::lighthouse:ap-guangzhou:uin/1:instance/lhins-abcdefgh"] }, timestamp: 1600000000 },
    { name: "empty body", service: "lighthouse", host: "lighthouse.intl.tencentcloudapi.com", body: {}, timestamp: 1500000000 },
  ];
  it.each(cases)("$name", ({ service, host, body, timestamp }) => {
    const official = OfficialSign.sign3({
      method: "POST",
      url: `https://${host}/`,
      payload: body,
      timestamp,
      service,
      secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
      secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
      headers: { "Content-Type": "application/json" },
    });
    const ours = signTc3({
      secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
      secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
      service,
      timestamp,
      method: "POST",
      path: "/",
      query: "",
      headers: { "content-type": "application/json", host },
      payload: JSON.stringify(body),
    });
    expect(ours.authorization).toBe(official);
  });
});

describe("parseTc3Authorization", () => {
  it("reads back what signTc3 writes", () => {
    expect(parseTc3Authorization(signTc3(vector).authorization)).toEqual({
      algorithm: "TC3-HMAC-SHA256",
      secretId: "AKIDEXAMPLE",
      date: "2023-11-14",
      service: "lighthouse",
      signedHeaders: ["content-type", "host"],
      signature: "4eca928e2d952051940527baa66d5da2a1bd2cf249ffcb10c412fe0662e72502",
    });
  });

  it.each([
    ["missing", undefined],
    ["another scheme", "AWS4-HMAC-SHA256 Credential=a/20231114/us-east-1/lightsail/aws4_request, SignedHeaders=host, Signature=ab"],
    ["no signature", "TC3-HMAC-SHA256 Credential=a/2023-11-14/lighthouse/tc3_request, SignedHeaders=content-type;host"],
    ["bad date", "TC3-HMAC-SHA256 Credential=a/20231114/lighthouse/tc3_request, SignedHeaders=host, Signature=ab"],
  ])("refuses a header that is %s", (_what, header) => {
    expect(parseTc3Authorization(header)).toBeUndefined();
  });
});
