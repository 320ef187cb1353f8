import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@smithy/core/checksum";
import {
  amzDate,
  canonicalQuery,
  canonicalRequest,
  parseAmzDate,
  parseAuthorization,
  signSigV4,
  signatureFor,
  sha256Hex,
} from "../../../signing/sigv4";

const vectorCreds = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const vectorDate = new Date(Date.UTC(2015, 7, 30, 12, 36, 0));

describe("SigV4 signer", () => {
  it("reproduces the published post-x-www-form-urlencoded vector", () => {
    const added = signSigV4(
      {
        method: "POST",
        path: "/",
        query: "",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Host: "example.amazonaws.com" },
        body: "Param1=value1",
      },
      vectorCreds,
      { region: "us-east-1", service: "service", date: vectorDate },
    );
    expect(added["x-amz-date"]).toBe("20150830T123600Z");
    expect(added.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
        "SignedHeaders=content-type;host;x-amz-date, " +
        "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
    );
  });

  it("builds the canonical request over exactly the named headers, values trimmed and spaces collapsed", () => {
    const canonical = canonicalRequest(
      { method: "post", path: "/", query: "", headers: { Host: "h", "X-Odd": "  a   b  ", "X-Unsigned": "z" }, body: "" },
      ["x-odd", "host"],
      sha256Hex(""),
    );
    expect(canonical).toBe(["POST", "/", "", "host:h\nx-odd:a b\n", "host;x-odd", sha256Hex("")].join("\n"));
  });

  it.each([
    ["b=2&a=1", "a=1&b=2"],
    ["a=2&a=1", "a=1&a=2"],
    ["x=a b", "x=a%20b"],
    ["flag", "flag="],
    ["", ""],
  ])("canonicalises the query %j as %j", (raw, expected) => {
    expect(canonicalQuery(raw)).toBe(expected);
  });

  it("adds and signs the session token of temporary credentials", () => {
    const added = signSigV4(
      { method: "POST", path: "/", query: "", headers: { host: "h" }, body: "{}" },
      { ...vectorCreds, sessionToken: "token/123" },
      { region: "us-east-1", service: "lightsail", date: vectorDate },
    );
    expect(added["x-amz-security-token"]).toBe("token/123");
    expect(parseAuthorization(added.authorization)?.signedHeaders).toEqual(["host", "x-amz-date", "x-amz-security-token"]);
  });

  it("matches the official SDK signer on a Lightsail request", async () => {
    const body = JSON.stringify({ instanceName: "web-1" });
    const headers = {
      host: "127.0.0.1:4566",
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "Lightsail_20161128.GetInstance",
    };
    const official = new SignatureV4({ credentials: vectorCreds, region: "eu-west-2", service: "lightsail", sha256: Sha256, applyChecksum: false });
    const signed = await official.sign(
      { method: "POST", protocol: "http:", hostname: "127.0.0.1", port: 4566, path: "/", query: {}, headers: { ...headers }, body },
      { signingDate: vectorDate },
    );
    const mine = signSigV4({ method: "POST", path: "/", query: "", headers, body }, vectorCreds, {
      region: "eu-west-2",
      service: "lightsail",
      date: vectorDate,
    });
    expect(mine.authorization).toBe(signed.headers.authorization);
  });

  it("parses an Authorization header and recomputes its signature", () => {
    const req = { method: "POST", path: "/", query: "", headers: { host: "h", "content-type": "x" }, body: "{}" };
    const added = signSigV4(req, vectorCreds, { region: "ap-south-1", service: "lightsail", date: vectorDate });
    const parsed = parseAuthorization(added.authorization);
    expect(parsed).toMatchObject({ accessKeyId: "AKIDEXAMPLE", dateStamp: "20150830", region: "ap-south-1", service: "lightsail" });
    const again = signatureFor(
      { ...req, headers: { ...req.headers, ...added } },
      vectorCreds.secretAccessKey,
      parsed!.signedHeaders,
      added["x-amz-date"],
      "ap-south-1",
      "lightsail",
    );
    expect(again).toBe(parsed!.signature);
  });

  it.each(["Bearer abc", "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/x, SignedHeaders=host, Signature=ab", "AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request"])(
    "rejects the malformed Authorization header %j",
    (header) => {
      expect(parseAuthorization(header)).toBeUndefined();
    },
  );

  it("formats and parses x-amz-date", () => {
    expect(amzDate(vectorDate)).toBe("20150830T123600Z");
    expect(parseAmzDate("20150830T123600Z")?.getTime()).toBe(vectorDate.getTime());
    expect(parseAmzDate("2015-08-30")).toBeUndefined();
  });
});
