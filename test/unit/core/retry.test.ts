import { backoffDelay, defaultRetryPolicy, withRetries } from "../../../provider/core/retry";
import { CloudError } from "../../../provider/core/errors";
import { FakeClock } from "../../support/fakeClock";

const throttled = () => new CloudError({ cloud: "lighthouse", operation: "CreateInstances", code: "RequestLimitExceeded", message: "slow down", retryable: true, throttled: true });
const invalid = () => new CloudError({ cloud: "lighthouse", operation: "CreateInstances", code: "InvalidParameterValue", message: "bad" });

describe("withRetries", () => {
  it("retries retryable errors with growing delays until the call succeeds", async () => {
    const clock = new FakeClock();
    let attempts = 0;
    const seen: number[] = [];
    let result: string | undefined;
    void withRetries(async () => {
      attempts++;
      seen.push(clock.now());
      if (attempts < 4) throw throttled();
      return "ok";
    }, clock).then((r) => (result = r));
    await clock.runUntil(() => result !== undefined);
    expect(result).toBe("ok");
    expect(attempts).toBe(4);
    const gaps = seen.slice(1).map((t, i) => t - seen[i]);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    expect(gaps[2]).toBeGreaterThan(gaps[1]);
  });

  it("does not retry validation or authentication errors", async () => {
    const clock = new FakeClock();
    let attempts = 0;
    await expect(
      withRetries(async () => {
        attempts++;
        throw invalid();
      }, clock),
    ).rejects.toThrow(/InvalidParameterValue/);
    expect(attempts).toBe(1);
  });

  it("gives up after the policy's attempts with the last error", async () => {
    const clock = new FakeClock();
    let attempts = 0;
    let err: unknown;
    void withRetries(async () => {
      attempts++;
      throw throttled();
    }, clock, { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 }).catch((e) => (err = e));
    await clock.runUntil(() => err !== undefined);
    expect(attempts).toBe(3);
    expect((err as CloudError).code).toBe("RequestLimitExceeded");
  });

  it("caps the delay", () => {
    for (let n = 0; n < 30; n++) expect(backoffDelay(n, defaultRetryPolicy, () => 1)).toBeLessThanOrEqual(defaultRetryPolicy.maxDelayMs);
  });
});
