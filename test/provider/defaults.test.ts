import { check } from "../../provider/instanceProvider";
import { setStackConfig } from "../../provider/core/stackConfig";
import { fleetInputs } from "../support/cloudInputs";
import { withEnv } from "../support/env";

/** Lightsail inputs with no region and no endpoint: the check runs no cloud call for Lightsail. */
function bare(): Record<string, unknown> {
  const { region: _region, endpoint: _endpoint, ...rest } = fleetInputs("lightsail", "http://unused", 1, "p/s/web");
  return rest;
}

function config(values: Record<string, unknown>): void {
  setStackConfig({ get: (k: string) => values[k] });
}

describe("in-process provider: stack-level region and endpoint", () => {
  afterEach(() => setStackConfig(undefined));

  it("fills the region from lightfleet:<cloud>Region and records it with the checked inputs", async () => {
    config({ "lightfleet:lightsailRegion": "us-west-2" });
    const { inputs, failures } = await withEnv({ AWS_REGION: "eu-west-1" }, () => check({}, { ...bare(), availabilityZone: "us-west-2a" }));
    expect(failures).toEqual([]);
    expect(inputs.region).toBe("us-west-2");
  });

  it("falls back to the cloud's usual variables, AWS_REGION then AWS_DEFAULT_REGION", async () => {
    expect((await withEnv({ AWS_DEFAULT_REGION: "us-east-1" }, () => check({}, bare()))).inputs.region).toBe("us-east-1");
    expect((await withEnv({ AWS_REGION: "us-east-2", AWS_DEFAULT_REGION: "us-east-1" }, () => check({}, { ...bare(), availabilityZone: "us-east-2a" }))).inputs.region).toBe("us-east-2");
  });

  it("keeps the resource's own region and endpoint", async () => {
    config({ "lightfleet:lightsailRegion": "us-west-2", "lightfleet:endpoint": "http://127.0.0.1:4600" });
    const { inputs } = await withEnv({}, () => check({}, { ...bare(), region: "us-east-1", endpoint: "http://127.0.0.1:9" }));
    expect(inputs).toMatchObject({ region: "us-east-1", endpoint: "http://127.0.0.1:9" });
  });

  it("takes a named account's region first", async () => {
    config({ "lightfleet:lightsailRegion": "us-west-2", "lightfleet:accounts": JSON.stringify({ eu: { lightsailRegion: "eu-west-1" } }) });
    const { inputs } = await withEnv({}, () => check({}, { ...bare(), account: "eu", availabilityZone: "eu-west-1a" }));
    expect(inputs.region).toBe("eu-west-1");
  });

  it("sends every cloud to one endpoint with lightfleet:endpoint or LIGHTFLEET_ENDPOINT, a cloud's own key first", async () => {
    config({ "lightfleet:endpoint": "http://127.0.0.1:4600" });
    expect((await withEnv({ AWS_REGION: "us-east-1" }, () => check({}, bare()))).inputs.endpoint).toBe("http://127.0.0.1:4600");
    config({ "lightfleet:endpoint": "http://127.0.0.1:4600", "lightfleet:lightsailEndpoint": "http://127.0.0.1:4700" });
    expect((await withEnv({ AWS_REGION: "us-east-1" }, () => check({}, bare()))).inputs.endpoint).toBe("http://127.0.0.1:4700");
    setStackConfig(undefined);
    expect((await withEnv({ AWS_REGION: "us-east-1", LIGHTFLEET_ENDPOINT: "http://127.0.0.1:4800" }, () => check({}, bare()))).inputs.endpoint).toBe("http://127.0.0.1:4800");
  });

  it("says where a region can come from when none is given anywhere", async () => {
    const { failures } = await withEnv({}, () => check({}, bare()));
    expect(failures).toContainEqual({ property: "region", reason: expect.stringMatching(/lightfleet:lightsailRegion.*AWS_REGION/) });
  });
});
