import type { EmulatorContext, EmulatorRequest } from "../../../../localcloud/emulator";
import { FaultBook } from "../../../../localcloud/faults";
import { lightsailEmulator } from "../../../../localcloud/clouds/lightsail";

function emulator() {
  const ctx: EmulatorContext = {
    now: () => Date.UTC(2024, 4, 1),
    delay: (ms) => ms,
    credentials: new Map([["localcloud", "localcloud-secret"]]),
    requestId: () => "00000000-0000-4000-8000-000000000000",
    faults: new FaultBook(() => 0),
    state: { regions: { "us-east-1": { instances: {}, snapshots: {}, operations: [] } } },
    save: () => undefined,
  };
  return lightsailEmulator(ctx);
}

function request(operation: string): EmulatorRequest {
  return {
    method: "POST",
    path: "/",
    rawQuery: "",
    query: new URLSearchParams(),
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `Lightsail_20161128.${operation}` },
    body: "{}",
  };
}

describe("Lightsail emulator routing", () => {
  test.each(["constructor", "toString", "hasOwnProperty"])("a target naming %s, which every object inherits, is an unknown operation", async (operation) => {
    const emu = emulator();
    const req = request(operation);
    const res = await emu.handle(req, emu.route(req) as string);
    expect(res.status).toBe(400);
    expect(res.headers?.["x-amzn-errortype"]).toBe("UnknownOperationException");
    expect(JSON.parse(res.body)).toEqual({ __type: "UnknownOperationException", message: `Lightsail has no operation ${operation}` });
  });

  test("a known operation still answers", async () => {
    const emu = emulator();
    const req = request("GetInstances");
    const res = await emu.handle(req, emu.route(req) as string);
    expect([res.status, JSON.parse(res.body)]).toEqual([200, { instances: [] }]);
  });
});
