import { coalesced } from "../../../provider/core/coalesce";
import { CloudError } from "../../../provider/core/errors";

function cloudError(retryable: boolean): CloudError {
  return new CloudError({ cloud: "lighthouse", operation: "CreateInstances", code: retryable ? "RequestLimitExceeded" : "ResourceInsufficient.ZoneSoldOut", message: "no", retryable });
}

describe("coalesced", () => {
  it("makes one call for every caller with the same key, and one per distinct key", async () => {
    let calls = 0;
    const call = async () => ++calls;
    const results = await Promise.all([coalesced("k1", call), coalesced("k1", call), coalesced("k2", call), coalesced("k1", call)]);
    expect(calls).toBe(2);
    expect(results).toEqual([1, 1, 2, 1]);
  });

  it("shares a definite refusal of the cloud, but asks again after a retryable one", async () => {
    let calls = 0;
    const refuse = (retryable: boolean) => async () => {
      calls++;
      throw cloudError(retryable);
    };
    await expect(coalesced("sold-out", refuse(false))).rejects.toThrow("no");
    await expect(coalesced("sold-out", refuse(false))).rejects.toThrow("no");
    expect(calls).toBe(1);
    await expect(coalesced("throttled", refuse(true))).rejects.toThrow("no");
    await expect(coalesced("throttled", async () => "ok")).resolves.toBe("ok");
    expect(calls).toBe(2);
  });
});
