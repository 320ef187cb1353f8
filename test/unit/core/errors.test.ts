import { CloudError } from "../../../provider/core/errors";

describe("CloudError as the dynamic-provider host prints it", () => {
  it("reads as the message once, with no stack frame", () => {
    const err = new CloudError({ cloud: "lightsail", operation: "GetInstance", code: "ConnectionRefused", message: "nothing is listening at http://127.0.0.1:4600 - is localcloud running?" });
    // The host's line for a failed check, diff, read or delete.
    const printed = `${err}: ${err.stack}`;
    expect(printed).toBe(`CloudError: ${err.message}`);
    expect(printed.match(/nothing is listening/g)).toHaveLength(1);
    expect(printed).not.toMatch(/\.(ts|js):\d+/);
  });
});
