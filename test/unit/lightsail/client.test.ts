import { lightsailCall, lightsailError } from "../../../provider/clouds/lightsail/client";
import { parseAuthorization } from "../../../signing/sigv4";
import type { DriverContext } from "../../../provider/core/driver";

const res = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { "x-amzn-requestid": "req-1", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

describe("Lightsail error classification", () => {
  it.each<[string, ReturnType<typeof res>, string, boolean, boolean]>([
    ["ThrottlingException (HTTP 400)", res(400, { __type: "ThrottlingException", message: "Rate exceeded" }), "ThrottlingException", true, true],
    ["HTTP 429", res(429, { message: "slow down" }), "HTTP429", true, true],
    ["ServiceException", res(500, { __type: "ServiceException", message: "oops" }), "ServiceException", true, false],
    ["ServiceUnavailable", res(503, "<html>busy</html>"), "HTTP503", true, false],
    ["InvalidInputException", res(400, { __type: "InvalidInputException", message: "bad", code: "InvalidInput" }), "InvalidInputException", false, false],
    ["NotFoundException", res(404, { __type: "NotFoundException", message: "gone" }), "NotFoundException", false, false],
    ["SignatureDoesNotMatch", res(403, { __type: "SignatureDoesNotMatch", message: "sig" }), "SignatureDoesNotMatch", false, false],
    [
      "a header name with a namespace and a suffix",
      res(400, { __type: "x" }, { "x-amzn-errortype": "InvalidInputException:http://internal.amazon.com/coral/" }),
      "InvalidInputException",
      false,
      false,
    ],
    ["a __type with a namespace", res(400, { __type: "com.amazonaws.lightsail#NotFoundException", Message: "m" }), "NotFoundException", false, false],
  ])("classifies %s", (_what, answer, code, retryable, throttled) => {
    const err = lightsailError("GetInstance", answer);
    expect([err.code, err.retryable, err.throttled, err.requestId]).toEqual([code, retryable, throttled, "req-1"]);
    expect(err.message).toContain("lightsail GetInstance failed");
  });

  it("accepts both message and Message", () => {
    expect(lightsailError("X", res(400, { __type: "A", Message: "capital" })).detail).toBe("capital");
  });
});

describe("lightsailCall", () => {
  let now = Date.UTC(2025, 0, 1, 0, 0, 0);
  const ctx = {
    region: "eu-west-2",
    endpoint: "http://127.0.0.1:4566/",
    credentials: { accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "tok" },
    clock: { now: () => now, sleep: async () => undefined, random: () => 0.5 },
  } as unknown as DriverContext;

  it("builds a signed awsJson request, signing afresh on every attempt", () => {
    const call = lightsailCall(ctx, "GetInstance", { instanceName: "web-1" });
    const first = call.build();
    expect(first).toMatchObject({ method: "POST", url: "http://127.0.0.1:4566/", body: '{"instanceName":"web-1"}' });
    expect(first.headers).toMatchObject({
      host: "127.0.0.1:4566",
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "Lightsail_20161128.GetInstance",
      "x-amz-security-token": "tok",
      "x-amz-date": "20250101T000000Z",
    });
    expect(parseAuthorization(first.headers.authorization)).toMatchObject({ accessKeyId: "AKID", region: "eu-west-2", service: "lightsail" });
    now += 60_000;
    const second = call.build();
    expect(second.headers["x-amz-date"]).toBe("20250101T000100Z");
    expect(second.headers.authorization).not.toBe(first.headers.authorization);
  });

  it.each([
    ["a body that is not JSON", res(200, "<html>"), "MalformedResponse"],
    ["a JSON array", res(200, "[]"), "MalformedResponse"],
  ])("refuses %s as MalformedResponse", (_what, answer, code) => {
    expect(() => lightsailCall(ctx, "GetInstances", {}).parse(answer)).toThrow(expect.objectContaining({ code }));
  });
});
