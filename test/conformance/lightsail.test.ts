import {
  CreateInstanceSnapshotCommand,
  CreateInstancesCommand,
  CreateInstancesFromSnapshotCommand,
  DeleteInstanceCommand,
  GetInstanceCommand,
  GetBlueprintsCommand,
  GetBundlesCommand,
  GetInstanceSnapshotCommand,
  GetInstancesCommand,
  GetInstanceStateCommand,
  GetOperationCommand,
  GetOperationsForResourceCommand,
  GetRegionsCommand,
  InvalidInputException,
  LightsailClient,
  RebootInstanceCommand,
  StartInstanceCommand,
  StopInstanceCommand,
  NotFoundException,
  type CreateInstancesCommandInput,
  type Instance,
} from "@aws-sdk/client-lightsail";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startLocalcloud, type Localcloud } from "../../localcloud/server";
import type { DriverContext } from "../../provider/core/driver";
import { send } from "../../provider/core/transport";
import { Poller } from "../../provider/core/poller";
import { TokenBucket } from "../../provider/core/rateLimiter";
import { systemClock } from "../../provider/core/clock";
import type { InstanceView } from "../../provider/core/types";
import { batchEach } from "../support/batch";
import {
  createInstanceSnapshot,
  deleteInstanceSnapshot,
  getInstanceSnapshot,
  lightsailDriver,
  lightsailInstanceSchema,
  type LightsailInstanceArgs,
} from "../../provider/clouds/lightsail";

const KEY = { accessKeyId: "localcloud", secretAccessKey: "localcloud-secret" };
const base = { availabilityZone: "us-east-1a", blueprintId: "ubuntu_24_04", bundleId: "nano_3_0" };

let lc: Localcloud;

function client(opts: { credentials?: typeof KEY; region?: string; maxAttempts?: number; systemClockOffset?: number } = {}): LightsailClient {
  return new LightsailClient({
    endpoint: lc.url,
    region: opts.region ?? "us-east-1",
    credentials: opts.credentials ?? KEY,
    maxAttempts: opts.maxAttempts,
    systemClockOffset: opts.systemClockOffset,
  });
}

async function until<T>(probe: () => Promise<T | undefined>, limitMs = 10_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("condition not reached in time");
    // Slower than localcloud's 20 calls a second, so polling is never throttled.
    await new Promise((r) => setTimeout(r, 60));
  }
}

async function admin(path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${lc.url}/_localcloud/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
  return res.json();
}

/** driverContext is what core would hand the driver: rate-limited, retried sending and a shared poller. */
function driverContext(region = "us-east-1"): DriverContext {
  const buckets = new Map<string, TokenBucket>();
  const bucket = (op: string) => buckets.get(op) ?? buckets.set(op, new TokenBucket(lightsailDriver.defaultRate)).get(op)!;
  const ctx: DriverContext = {
    cloud: "lightsail",
    region,
    endpoint: lc.url,
    account: "lightsail|test",
    credentials: KEY,
    clock: systemClock,
    send: (call) => send(call, { bucket: bucket(call.operation), retry: { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 300 } }),
    waitFor: (spec) => poller.waitFor({ ...spec, deadline: spec.deadline ?? ctx.deadline }),
    batch: batchEach,
    deadline: Date.now() + 30_000,
    log: () => undefined,
  };
  const poller = new Poller("lightsail", (ids) => lightsailDriver.describe(ctx, ids), {
    minIntervalMs: 20,
    maxIntervalMs: 100,
    batchSize: lightsailDriver.describeBatchSize,
    clock: systemClock,
  });
  return ctx;
}

function args(extra: Partial<LightsailInstanceArgs>): LightsailInstanceArgs {
  return lightsailInstanceSchema.parse({ cloud: "lightsail", region: "us-east-1", ...base, instanceNames: ["x1"], ...extra });
}

const allReady = (views: Map<string, InstanceView | undefined>) => ([...views.values()].every((v) => v?.phase === "ready") ? "done" : "wait");

async function errorOf(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  lc = await startLocalcloud({ port: 0, timeScale: 0.01 });
});

afterAll(async () => {
  await lc.close();
});

describe("the official Lightsail client against localcloud", () => {
  it("creates two instances, sees them running with a public IP, deletes them until NotFound", async () => {
    const sdk = client();
    const created = await sdk.send(new CreateInstancesCommand({ ...base, instanceNames: ["sdk-a", "sdk-b"], tags: [{ key: "team", value: "web" }] }));
    expect(created.operations?.map((o) => [o.resourceName, o.operationType, o.status, o.isTerminal])).toEqual([
      ["sdk-a", "CreateInstance", "Started", false],
      ["sdk-b", "CreateInstance", "Started", false],
    ]);
    expect(created.operations?.[0].createdAt).toBeInstanceOf(Date);
    for (const name of ["sdk-a", "sdk-b"]) {
      const inst = await until(async () => {
        const { instance } = await sdk.send(new GetInstanceCommand({ instanceName: name }));
        return instance?.state?.name === "running" && instance.publicIpAddress ? instance : undefined;
      });
      expect(inst).toMatchObject({ name, state: { code: 16, name: "running" }, bundleId: "nano_3_0", tags: [{ key: "team", value: "web" }] });
      expect(inst.privateIpAddress).toMatch(/^172\.26\./);
      expect(inst.arn).toMatch(/^arn:aws:lightsail:us-east-1:\d{12}:Instance\//);
    }
    for (const op of created.operations ?? []) {
      const { operation } = await sdk.send(new GetOperationCommand({ operationId: op.id }));
      expect(operation).toMatchObject({ status: "Succeeded", isTerminal: true });
    }
    for (const name of ["sdk-a", "sdk-b"]) {
      const del = await sdk.send(new DeleteInstanceCommand({ instanceName: name, forceDeleteAddOns: true }));
      expect(del.operations?.[0].operationType).toBe("DeleteInstance");
      // At this time scale a delete may already have finished on a busy machine: then the instance is gone, never running.
      const state = await sdk.send(new GetInstanceCommand({ instanceName: name })).then(
        ({ instance }) => instance?.state?.name,
        (e: unknown) => (e instanceof NotFoundException ? "gone" : Promise.reject(e)),
      );
      expect(["shutting-down", "gone"]).toContain(state);
    }
    const gone = await until(async () => {
      const err = await sdk.send(new GetInstanceCommand({ instanceName: "sdk-b" })).then(
        () => undefined,
        (e: unknown) => e,
      );
      return err;
    });
    expect(gone).toBeInstanceOf(NotFoundException);
    expect((gone as NotFoundException).$metadata.httpStatusCode).toBe(404);
    const listed = (await admin("instances")).instances.filter((i: { cloud: string }) => i.cloud === "lightsail");
    expect(listed.map((i: { name: string }) => i.name)).not.toContain("sdk-a");
  });

  it("reports running before the public IPv4 exists, as Lightsail does", async () => {
    const slow = await startLocalcloud({ port: 0, timeScale: 0.1 });
    try {
      const sdk = new LightsailClient({ endpoint: slow.url, region: "us-east-1", credentials: KEY });
      await sdk.send(new CreateInstancesCommand({ ...base, instanceNames: ["quirk"] }));
      const seen = new Set<string>();
      await until(async () => {
        const { instance } = await sdk.send(new GetInstanceCommand({ instanceName: "quirk" }));
        seen.add(`${instance?.state?.name}/${instance?.publicIpAddress ? "ip" : "no-ip"}`);
        return instance?.publicIpAddress ? true : undefined;
      });
      expect([...seen]).toEqual(["pending/no-ip", "running/no-ip", "running/ip"]);
    } finally {
      await slow.close();
    }
  });

  it("stops, starts and reboots an instance; a stopped instance loses its public IP and gets a new one on start", async () => {
    const sdk = client();
    await sdk.send(new CreateInstancesCommand({ ...base, instanceNames: ["cycle"] }));
    const running = async () => {
      const { instance } = await sdk.send(new GetInstanceCommand({ instanceName: "cycle" }));
      return instance?.state?.name === "running" && instance.publicIpAddress ? instance : undefined;
    };
    const first = await until(running);
    const early = await errorOf(sdk.send(new StartInstanceCommand({ instanceName: "cycle" })));
    expect(early).toBeInstanceOf(InvalidInputException);
    await sdk.send(new StopInstanceCommand({ instanceName: "cycle" }));
    expect((await sdk.send(new GetInstanceStateCommand({ instanceName: "cycle" }))).state).toEqual({ code: 64, name: "stopping" });
    const stopped = await until(async () => {
      const { instance } = await sdk.send(new GetInstanceCommand({ instanceName: "cycle" }));
      return instance?.state?.name === "stopped" ? instance : undefined;
    });
    expect(stopped.publicIpAddress).toBeUndefined();
    expect(await errorOf(sdk.send(new RebootInstanceCommand({ instanceName: "cycle" })))).toBeInstanceOf(InvalidInputException);
    await sdk.send(new StartInstanceCommand({ instanceName: "cycle" }));
    const again = await until(running);
    expect(again.publicIpAddress).not.toBe(first.publicIpAddress);
    const reboot = await sdk.send(new RebootInstanceCommand({ instanceName: "cycle" }));
    expect(reboot.operations?.[0].operationType).toBe("RebootInstance");
    const ops = await sdk.send(new GetOperationsForResourceCommand({ resourceName: "cycle" }));
    expect(ops.operations?.map((o) => o.operationType)).toEqual(["RebootInstance", "StartInstance", "StopInstance", "CreateInstance"]);
    await sdk.send(new DeleteInstanceCommand({ instanceName: "cycle" }));
  });

  it("keeps instances and their pending lifecycle across a restart with a state file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-lc-"));
    const stateFile = path.join(dir, "state.json");
    try {
      const before = await startLocalcloud({ port: 0, timeScale: 0.01, stateFile });
      await new LightsailClient({ endpoint: before.url, region: "us-east-1", credentials: KEY }).send(
        new CreateInstancesCommand({ ...base, instanceNames: ["survivor"] }),
      );
      await before.close();
      const after = await startLocalcloud({ port: 0, timeScale: 0.01, stateFile });
      try {
        const sdk = new LightsailClient({ endpoint: after.url, region: "us-east-1", credentials: KEY });
        const inst = await until(async () => {
          const { instance } = await sdk.send(new GetInstanceCommand({ instanceName: "survivor" }));
          return instance?.publicIpAddress ? instance : undefined;
        });
        expect(inst.state?.name).toBe("running");
      } finally {
        await after.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ["a wrong secret", { credentials: { ...KEY, secretAccessKey: "not-the-secret" } }, "SignatureDoesNotMatch", 403],
    ["an unknown key", { credentials: { accessKeyId: "AKIDUNKNOWN", secretAccessKey: "x" } }, "UnrecognizedClientException", 403],
    ["a clock 20 minutes slow", { systemClockOffset: -20 * 60 * 1000, maxAttempts: 1 }, "RequestExpired", 400],
    ["a region Lightsail does not serve", { region: "mars-north-1" }, "SignatureDoesNotMatch", 403],
  ])("refuses a request signed with %s", async (_what, opts, name, status) => {
    const err = await errorOf(client(opts).send(new GetRegionsCommand({})));
    expect(err.name).toBe(name);
    expect(err.$metadata.httpStatusCode).toBe(status);
    expect(err.message).not.toContain("localcloud-secret");
  });

  it("raises the modelled exception classes with Lightsail's code and the request id", async () => {
    const bad = await errorOf(client().send(new CreateInstancesCommand({ ...base, instanceNames: ["cls"], bundleId: "huge_9_9" })));
    expect(bad).toBeInstanceOf(InvalidInputException);
    expect(bad.code).toBe("InvalidInput");
    expect(bad.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await errorOf(client().send(new GetInstanceCommand({ instanceName: "nobody" })));
    expect(missing).toBeInstanceOf(NotFoundException);
    expect(missing.message).toContain("nobody");
  });

  it("answers injected throttling with ThrottlingException (retried by the client) and faults with ServiceException 500", async () => {
    await admin("faults", { cloud: "lightsail", operation: "GetRegions", kind: "throttle", count: 1 });
    const out = await client().send(new GetRegionsCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    await admin("faults", { cloud: "lightsail", operation: "GetRegions", kind: "throttle", count: 1 });
    const throttled = await errorOf(client({ maxAttempts: 1 }).send(new GetRegionsCommand({})));
    expect([throttled.name, throttled.$metadata.httpStatusCode]).toEqual(["ThrottlingException", 400]);
    await admin("faults", { cloud: "lightsail", operation: "GetRegions", kind: "error5xx", count: 1 });
    const internal = await errorOf(client({ maxAttempts: 1 }).send(new GetRegionsCommand({})));
    expect([internal.name, internal.$metadata.httpStatusCode]).toEqual(["ServiceException", 500]);
  });

  it("serves the catalogue: active blueprints by default, bundles with their platforms, regions with zones on request", async () => {
    const sdk = client();
    const active = await sdk.send(new GetBlueprintsCommand({}));
    const all = await sdk.send(new GetBlueprintsCommand({ includeInactive: true }));
    expect(active.blueprints?.map((b) => b.blueprintId)).not.toContain("ubuntu_18_04");
    expect(all.blueprints?.find((b) => b.blueprintId === "ubuntu_18_04")?.isActive).toBe(false);
    const { bundles } = await sdk.send(new GetBundlesCommand({}));
    expect(bundles?.find((b) => b.bundleId === "nano_win_3_0")?.supportedPlatforms).toEqual(["WINDOWS"]);
    const bare = await sdk.send(new GetRegionsCommand({}));
    expect(bare.regions?.find((r) => r.name === "us-east-1")?.availabilityZones).toEqual([]);
  });

  it("pages GetInstances with nextPageToken", async () => {
    const sdk = client({ region: "eu-west-2" });
    const names = Array.from({ length: 55 }, (_, i) => `page-${String(i).padStart(2, "0")}`);
    await sdk.send(new CreateInstancesCommand({ ...base, availabilityZone: "eu-west-2a", instanceNames: names }));
    const first = await sdk.send(new GetInstancesCommand({}));
    expect(first.instances).toHaveLength(50);
    expect(first.nextPageToken).toBeDefined();
    const seen: Instance[] = [];
    let pageToken: string | undefined;
    do {
      const page = await sdk.send(new GetInstancesCommand({ pageToken }));
      seen.push(...(page.instances ?? []));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen.map((i) => i.name)).toEqual(names);
    const bogus = await errorOf(sdk.send(new GetInstancesCommand({ pageToken: "bm9wZQ==" })));
    expect(bogus).toBeInstanceOf(InvalidInputException);
  });
});

describe("CreateInstances validation through the official client", () => {
  // The cases are about validation: paced under localcloud's 20 calls a second so that none is ever throttled, however
  // fast a reused connection answers.
  beforeEach(() => new Promise((r) => setTimeout(r, 60)));
  const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: "v" }));
  const cases: Array<[string, Partial<CreateInstancesCommandInput>, string, RegExp]> = [
    ["missing instanceNames", { instanceNames: undefined }, "InvalidInputException", /instanceNames/],
    ["an empty instanceNames list", { instanceNames: [] }, "InvalidInputException", /at least one/],
    ["a one-character name", { instanceNames: ["a"] }, "InvalidInputException", /2-255/],
    ["a name over 255 characters", { instanceNames: ["n".repeat(256)] }, "InvalidInputException", /2-255/],
    ["a name starting with a hyphen", { instanceNames: ["-web"] }, "InvalidInputException", /letters, numbers, underscores and hyphens/],
    ["a name with a dot", { instanceNames: ["web.1"] }, "InvalidInputException", /letters, numbers, underscores and hyphens/],
    ["a name listed twice", { instanceNames: ["twin", "twin"] }, "InvalidInputException", /unique/],
    ["a missing availabilityZone", { availabilityZone: undefined }, "InvalidInputException", /availabilityZone/],
    ["an unknown zone", { availabilityZone: "us-east-1z" }, "InvalidInputException", /us-east-1z is not valid/],
    ["a zone outside the region", { availabilityZone: "us-west-2a" }, "InvalidInputException", /not in the us-east-1 region/],
    ["a missing blueprintId", { blueprintId: undefined }, "InvalidInputException", /blueprintId/],
    ["an unknown blueprint", { blueprintId: "ubuntu_99_04" }, "InvalidInputException", /blueprint ID ubuntu_99_04 is not valid/],
    ["an inactive blueprint", { blueprintId: "ubuntu_18_04" }, "InvalidInputException", /inactive/],
    ["an unknown bundle", { bundleId: "giant_3_0" }, "InvalidInputException", /bundle ID giant_3_0 is not valid/],
    ["a Windows blueprint on a Linux bundle", { blueprintId: "windows_server_2022" }, "InvalidInputException", /WINDOWS platform/],
    ["a Linux blueprint on a Windows bundle", { bundleId: "nano_win_3_0" }, "InvalidInputException", /LINUX_UNIX platform/],
    ["51 tags", { tags: tags(51) }, "InvalidInputException", /at most 50 tags/],
    ["a tag key of 129 characters", { tags: [{ key: "k".repeat(129), value: "v" }] }, "InvalidInputException", /1-128/],
    ["a tag value of 257 characters", { tags: [{ key: "k", value: "v".repeat(257) }] }, "InvalidInputException", /at most 256/],
    ["a tag key with *", { tags: [{ key: "a*b", value: "v" }] }, "InvalidInputException", /only letters, numbers, spaces/],
    ["a tag value with #", { tags: [{ key: "a", value: "x#y" }] }, "InvalidInputException", /only letters, numbers, spaces/],
    ["a tag key given twice", { tags: [{ key: "a", value: "1" }, { key: "a", value: "2" }] }, "InvalidInputException", /unique/],
    [
      "a snapshot time not on the hour",
      { addOns: [{ addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:30" } }] },
      "InvalidInputException",
      /HH:00/,
    ],
    ["an unknown add-on type", { addOns: [{ addOnType: "Backup" as never }] }, "InvalidInputException", /enum value set/],
    ["an add-on given twice", { addOns: [{ addOnType: "AutoSnapshot" }, { addOnType: "AutoSnapshot" }] }, "InvalidInputException", /once/],
    ["an unknown ipAddressType", { ipAddressType: "ipv5" as never }, "InvalidInputException", /dualstack, ipv4, ipv6/],
    ["the discontinued customImageName", { customImageName: "img" }, "InvalidInputException", /discontinued/],
    ["more instances than the region's quota", { instanceNames: Array.from({ length: 201 }, (_, i) => `q${i}`) }, "OperationFailureException", /maximum number of instances/],
  ];

  it.each(cases)("rejects %s", async (_what, change, name, message) => {
    const input = { ...base, instanceNames: ["valid-name"], ...change } as CreateInstancesCommandInput;
    const err = await errorOf(client().send(new CreateInstancesCommand(input)));
    expect(err.name).toBe(name);
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toMatch(message);
    const listed = (await admin("instances")).instances.map((i: { name: string }) => i.name);
    expect(listed).not.toContain("valid-name");
  });

  it("rejects a name already in use in the region, and accepts it in another region", async () => {
    await client().send(new CreateInstancesCommand({ ...base, instanceNames: ["taken"] }));
    const err = await errorOf(client().send(new CreateInstancesCommand({ ...base, instanceNames: ["fresh", "taken"] })));
    expect(err).toBeInstanceOf(InvalidInputException);
    expect(err.message).toMatch(/Some names are already in use: taken/);
    await client({ region: "eu-west-1" }).send(new CreateInstancesCommand({ ...base, availabilityZone: "eu-west-1b", instanceNames: ["taken"] }));
  });
});

describe("the lightfleet driver against localcloud", () => {
  const owner = { "lightfleet-owner": "proj/dev/web", "lightfleet-fleet": "web" };

  it("creates a fleet, waits until every instance is running with its address, finds it by tags, deletes it", async () => {
    const ctx = driverContext();
    const a = args({ instanceNames: ["drv-1", "drv-2"], tags: { team: "web" } });
    const { ids } = await lightsailDriver.create(ctx, a, { count: 2, names: a.instanceNames, clientToken: "t", ownerTags: owner });
    expect(ids).toEqual(["drv-1", "drv-2"]);
    const views = await ctx.waitFor({ ids, what: "running with a public IP", check: allReady });
    for (const v of views.values()) {
      expect(v).toMatchObject({ state: "running", phase: "ready", zone: "us-east-1a", tags: { team: "web", ...owner } });
      expect(v!.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(v!.ipv6Addresses).toHaveLength(1);
    }
    const found = await lightsailDriver.findByTags(ctx, owner);
    expect(found.map((v) => v.id).sort()).toEqual(["drv-1", "drv-2"]);
    const adopted = await lightsailDriver.findByIdsOrNames(ctx, ["drv-2", String(views.get("drv-1")!.raw!.arn)]);
    expect(adopted.map((v) => v.id)).toEqual(["drv-2", "drv-1"]);
    await lightsailDriver.delete(ctx, [...ids, "never-existed"]);
    expect((await lightsailDriver.describe(ctx, ids)).size).toBe(0);
  });

  it("adopts its own instances when a create is repeated, and refuses names owned by another fleet", async () => {
    const ctx = driverContext();
    const a = args({ instanceNames: ["again-1", "again-2"] });
    await lightsailDriver.create(ctx, args({ instanceNames: ["again-1"] }), { count: 1, clientToken: "t", ownerTags: owner });
    const { ids } = await lightsailDriver.create(ctx, a, { count: 2, clientToken: "t", ownerTags: owner });
    expect(ids).toEqual(["again-1", "again-2"]);
    const err = await errorOf(
      lightsailDriver.create(ctx, a, { count: 2, clientToken: "t", ownerTags: { ...owner, "lightfleet-owner": "someone/else/x" } }),
    );
    expect(err.code).toBe("InvalidInputException");
    expect(err.message).toMatch(/does not own: again-1, again-2/);
    await lightsailDriver.delete(ctx, ids);
  });

  it("describes many instances through paged GetInstances", async () => {
    const ctx = driverContext("eu-west-3");
    const names = Array.from({ length: 60 }, (_, i) => `many-${i}`);
    const a = args({ region: "eu-west-3", availabilityZone: "eu-west-3c", instanceNames: names });
    await lightsailDriver.create(ctx, a, { count: names.length, clientToken: "t", ownerTags: owner });
    const views = await ctx.waitFor({ ids: names, what: "ready", check: allReady });
    expect([...views.keys()].sort()).toEqual([...names].sort());
    expect(new Set([...views.values()].map((v) => v!.publicIp)).size).toBe(60);
  });

  it("reports a failed launch with the operation's error code", async () => {
    const ctx = driverContext();
    await admin("faults", { cloud: "lightsail", operation: "CreateInstances", kind: "launchFailure", count: 1 });
    const a = args({ instanceNames: ["doomed", "fine"] });
    await lightsailDriver.create(ctx, a, { count: 2, clientToken: "t", ownerTags: owner });
    const views = await ctx.waitFor({
      ids: ["doomed", "fine"],
      what: "settled",
      check: (v) => (v.get("doomed")?.phase === "failed" && v.get("fine")?.phase === "ready" ? "done" : "wait"),
    });
    expect(views.get("doomed")!.failure).toEqual({ code: "InsufficientCapacity", message: expect.stringContaining("us-east-1a") });
    await lightsailDriver.delete(ctx, ["doomed", "fine"]);
  });

  it("updates tags, add-ons and the IP address type in place", async () => {
    const ctx = driverContext();
    const olds = args({ instanceNames: ["upd-1"], tags: { team: "web", old: "x" } });
    await lightsailDriver.create(ctx, olds, { count: 1, clientToken: "t", ownerTags: owner });
    const before = await ctx.waitFor({ ids: ["upd-1"], what: "ready", check: allReady });
    const news = args({
      instanceNames: ["upd-1"],
      tags: { team: "api" },
      addOns: [{ addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "04:00" } }],
      ipAddressType: "ipv4",
    });
    await lightsailDriver.update(ctx, [before.get("upd-1")!], olds, news);
    const { instance } = await client().send(new GetInstanceCommand({ instanceName: "upd-1" }));
    expect(Object.fromEntries((instance?.tags ?? []).map((t) => [t.key, t.value]))).toEqual({ team: "api", ...owner });
    expect(instance?.addOns).toEqual([expect.objectContaining({ name: "AutoSnapshot", status: "Enabled", snapshotTimeOfDay: "04:00" })]);
    expect([instance?.ipAddressType, instance?.ipv6Addresses]).toEqual(["ipv4", []]);
    const after = (await lightsailDriver.describe(ctx, ["upd-1"])).get("upd-1")!;
    await lightsailDriver.update(ctx, [after], news, args({ instanceNames: ["upd-1"], tags: { team: "api" }, ipAddressType: "ipv6" }));
    const v6 = (await lightsailDriver.describe(ctx, ["upd-1"])).get("upd-1")!;
    expect([v6.phase, v6.publicIp, v6.ipv6Addresses.length, (v6.raw!.addOns as unknown[]).length]).toEqual(["ready", undefined, 1, 0]);
    await lightsailDriver.delete(ctx, ["upd-1"]);
  });

  it("snapshots an instance and creates a fleet from the snapshot, refusing a smaller bundle", async () => {
    const ctx = driverContext();
    const src = args({ instanceNames: ["snap-src"], bundleId: "small_3_0" });
    await lightsailDriver.create(ctx, src, { count: 1, clientToken: "t", ownerTags: owner });
    await ctx.waitFor({ ids: ["snap-src"], what: "ready", check: allReady });
    const { operationIds } = await createInstanceSnapshot(ctx, { instanceSnapshotName: "snap-1", instanceName: "snap-src", tags: { k: "v" } });
    expect(operationIds).toHaveLength(1);
    expect((await getInstanceSnapshot(ctx, "snap-1"))?.state).toBe("pending");
    const ready = await until(async () => {
      const s = await getInstanceSnapshot(ctx, "snap-1");
      return s?.state === "available" ? s : undefined;
    });
    expect(ready).toMatchObject({ progress: "100%", fromInstanceName: "snap-src", fromBundleId: "small_3_0", sizeInGb: 60, tags: { k: "v" } });

    const smaller = await errorOf(
      client().send(new CreateInstancesFromSnapshotCommand({ instanceNames: ["tiny"], availabilityZone: "us-east-1b", bundleId: "nano_3_0", instanceSnapshotName: "snap-1" })),
    );
    expect(smaller).toBeInstanceOf(InvalidInputException);
    expect(smaller.message).toMatch(/same size or larger/);

    const fromSnap = args({ instanceNames: ["restored"], availabilityZone: "us-east-1b", bundleId: "medium_3_0", sourceSnapshotName: "snap-1" });
    await lightsailDriver.create(ctx, fromSnap, { count: 1, clientToken: "t", ownerTags: owner });
    const views = await ctx.waitFor({ ids: ["restored"], what: "ready", check: allReady });
    expect(views.get("restored")!.raw).toMatchObject({ blueprintId: "ubuntu_24_04", bundleId: "medium_3_0" });

    const again = await errorOf(client().send(new CreateInstanceSnapshotCommand({ instanceSnapshotName: "snap-1", instanceName: "snap-src" })));
    expect(again).toBeInstanceOf(InvalidInputException);
    await deleteInstanceSnapshot(ctx, "snap-1");
    await deleteInstanceSnapshot(ctx, "snap-1");
    expect(await getInstanceSnapshot(ctx, "snap-1")).toBeUndefined();
    const gone = await errorOf(client().send(new GetInstanceSnapshotCommand({ instanceSnapshotName: "snap-1" })));
    expect(gone).toBeInstanceOf(NotFoundException);
    await lightsailDriver.delete(ctx, ["snap-src", "restored"]);
    expect((await admin("snapshots")).snapshots.filter((s: { cloud: string }) => s.cloud === "lightsail")).toEqual([]);
  });

  it("turns Lightsail's errors into CloudErrors that say whether to retry", async () => {
    const ctx = driverContext();
    const bad = await errorOf(lightsailDriver.create(ctx, args({ instanceNames: ["e1"], bundleId: "nope_3_0" }), { count: 1, clientToken: "t", ownerTags: owner }));
    expect(bad).toMatchObject({ name: "CloudError", code: "InvalidInputException", retryable: false, httpStatus: 400 });
    expect(bad.requestId).toMatch(/^[0-9a-f-]{36}$/);
    await admin("faults", { cloud: "lightsail", operation: "GetInstance", kind: "throttle", count: 2 });
    expect((await lightsailDriver.describe(ctx, ["absent"])).size).toBe(0);
    const stranger = { ...ctx, credentials: { accessKeyId: "localcloud", secretAccessKey: "wrong" } };
    const denied = await errorOf(lightsailDriver.describe(stranger, ["absent"]));
    expect(denied).toMatchObject({ code: "SignatureDoesNotMatch", retryable: false, httpStatus: 403 });
    expect(denied.message).not.toContain("wrong");
  });
});
