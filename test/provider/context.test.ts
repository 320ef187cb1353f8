import { check } from "../../provider/instanceProvider";
import { setStackConfig } from "../../provider/core/stackConfig";
import { fleetInputs } from "../support/cloudInputs";
import { withEnv } from "../support/env";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";

describe("in-process provider: progress of retried calls", () => {
  let lc: LocalcloudHandle;
  beforeAll(async () => {
    setStackConfig(undefined);
    lc = await startTestLocalcloud();
  });
  afterAll(() => lc.close());

  it("calls a retried check-time dry run a dry run, never a create", async () => {
    await lc.faults([{ cloud: "lighthouse", operation: "CreateInstances", kind: "throttle", count: 1 }]);
    const lines: string[] = [];
    const write = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const { failures } = await withEnv({ TENCENTCLOUD_SECRET_ID: "localcloud", TENCENTCLOUD_SECRET_KEY: "localcloud-secret" }, () =>
        check({}, fleetInputs("lighthouse", lc.url, 1, "p/s/dry")),
      );
      expect(failures).toEqual([]);
    } finally {
      write.mockRestore();
    }
    const retried = lines.filter((l) => l.includes("retrying"));
    expect(retried).toHaveLength(1);
    expect(retried[0]).toMatch(/lighthouse CreateInstances dry run \(a check: nothing is created\): RequestLimitExceeded, retrying/);
    expect(await lc.instances("lighthouse")).toHaveLength(0);
  });
});
