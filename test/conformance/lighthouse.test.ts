import * as http from "http";
import type { LookupFunction } from "net";
import { startLocalcloud, type Localcloud } from "../../localcloud/server";
import { signTc3 } from "../../signing/tc3";
import { createInstanceSnapshot, deleteSnapshots, describeSnapshot, lighthouseDriver, lighthouseInstanceSchema } from "../../provider/clouds/lighthouse";
import type { LighthouseInstanceArgs } from "../../provider/clouds/lighthouse";
import type { DriverContext } from "../../provider/core/driver";
import type { InstanceView } from "../../provider/core/types";
import { send } from "../../provider/core/transport";
import { Poller } from "../../provider/core/poller";
import { systemClock } from "../../provider/core/clock";
import { CloudError } from "../../provider/core/errors";
import { batchEach } from "../support/batch";

const tencentcloud = require("tencentcloud-sdk-nodejs");

/**
 * How the official SDK reaches localcloud. The SDK takes the signing service from the endpoint's first label and
 * signs the host without its port, so it needs a host name starting with `lighthouse.` (or `tag.`) that reaches
 * 127.0.0.1, with no DNS and no /etc/hosts entry. An http.Agent whose `lookup` answers 127.0.0.1 for every name,
 * passed as profile.httpProfile.agent together with protocol "http://" and endpoint `lighthouse.localcloud:<port>`,
 * does exactly that; localcloud tells the services apart by the credential scope, so `tag.localcloud:<port>` is the
 * same server.
 */
const toLoopback: LookupFunction = (_host, options, callback) => {
  const cb = callback as unknown as (...args: unknown[]) => void;
  if (options.all) cb(null, [{ address: "127.0.0.1", family: 4 }]);
  else cb(null, "127.0.0.1", 4);
};
const loopbackAgent = new http.Agent({ lookup: toLoopback });

type SdkClient = Record<string, (req: Record<string, unknown>) => Promise<Record<string, unknown>>>;

let lc: Localcloud;

function sdk(service: "lighthouse" | "tag", opts: { secretId?: string; secretKey?: string; region?: string } = {}): SdkClient {
  const Client = service === "lighthouse" ? tencentcloud.lighthouse.v20200324.Client : tencentcloud.tag.v20180813.Client;
  return new Client({
    credential: { secretId: opts.secretId ?? "localcloud", secretKey: opts.secretKey ?? "localcloud-secret" },
    region: opts.region ?? "ap-guangzhou",
    profile: { httpProfile: { endpoint: `${service}.localcloud:${lc.port}`, protocol: "http://", agent: loopbackAgent } },
  });
}

/** call runs an SDK call, waiting out RequestLimitExceeded as a careful SDK user would (the published limits are on). */
async function call(client: SdkClient, action: string, req: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  for (;;) {
    try {
      return await client[action](req);
    } catch (err) {
      if ((err as { code?: string }).code !== "RequestLimitExceeded") throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

async function until<T>(probe: () => Promise<T>, ok: (t: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const t = await probe();
    if (ok(t)) return t;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Instance = { InstanceId: string; InstanceState: string; PublicAddresses: string[]; PrivateAddresses: string[]; Tags: Array<{ Key: string; Value: string }>; LatestOperationState?: string };

async function describeIds(client: SdkClient, ids: string[]): Promise<Instance[]> {
  return (await call(client, "DescribeInstances", { InstanceIds: ids, Limit: 100 })).InstanceSet as Instance[];
}

async function adminInstances(): Promise<Array<{ id: string; state: string }>> {
  return ((await (await fetch(`${lc.url}/_localcloud/instances`)).json()) as { instances: Array<{ id: string; state: string }> }).instances;
}

async function addFault(rule: Record<string, unknown>): Promise<void> {
  await fetch(`${lc.url}/_localcloud/faults`, { method: "POST", body: JSON.stringify(rule) });
}

const linux = { BundleId: "bundle_gen_03", BlueprintId: "lhbp-f1lkcd41", InstanceChargePrepaid: { Period: 1, RenewFlag: "NOTIFY_AND_MANUAL_RENEW" } };
const windows = { ...linux, BlueprintId: "lhbp-6tqbxl5c" };

beforeAll(async () => {
  lc = await startLocalcloud({ port: 0, timeScale: 0.01 });
});

afterAll(async () => {
  loopbackAgent.destroy();
  await lc.close();
});

describe("official tencentcloud-sdk-nodejs against localcloud", () => {
  it("creates two instances, sees them RUNNING with addresses, isolates, terminates, and they are gone", async () => {
    const lh = sdk("lighthouse");
    const created = await call(lh, "CreateInstances", { ...linux, InstanceCount: 2, InstanceName: "sdk-flow" });
    const ids = created.InstanceIdSet as string[];
    expect(ids).toHaveLength(2);
    expect(ids.every((id) => /^lhins-[a-z0-9]{8}$/.test(id))).toBe(true);
    expect(typeof created.RequestId).toBe("string");

    const running = await until(() => describeIds(lh, ids), (s) => s.length === 2 && s.every((i) => i.InstanceState === "RUNNING" && i.PublicAddresses.length === 1), "RUNNING");
    expect(running.every((i) => i.PrivateAddresses.length === 1)).toBe(true);

    const isolate = await call(lh, "IsolateInstances", { InstanceIds: ids });
    const shut = await until(() => describeIds(lh, ids), (s) => s.every((i) => i.InstanceState === "SHUTDOWN"), "SHUTDOWN");
    expect(shut[0]).toMatchObject({ LatestOperation: "IsolateInstances", LatestOperationState: "SUCCESS", LatestOperationRequestId: isolate.RequestId });

    await call(lh, "TerminateInstances", { InstanceIds: ids });
    await until(() => describeIds(lh, ids), (s) => s.length === 0, "gone");
    expect((await adminInstances()).filter((i) => ids.includes(i.id))).toEqual([]);
  });

  it("refuses a wrong secret, an unknown SecretId and a stale timestamp with the real codes", async () => {
    expect(await codeOf(sdk("lighthouse", { secretKey: "wrong" }).DescribeInstances({}))).toBe("AuthFailure.SignatureFailure");
    expect(await codeOf(sdk("lighthouse", { secretId: "AKIDunknown" }).DescribeInstances({}))).toBe("AuthFailure.SecretIdNotFound");
    const stale = await raw({ timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.json.Response.Error?.Code).toBe("AuthFailure.SignatureExpire");
  });

  it("answers a replayed ClientToken with the same InstanceIdSet", async () => {
    const lh = sdk("lighthouse");
    const first = await call(lh, "CreateInstances", { ...linux, InstanceCount: 2, ClientToken: "conformance-replay-1" });
    const again = await call(lh, "CreateInstances", { ...linux, InstanceCount: 2, ClientToken: "conformance-replay-1" });
    expect(again.InstanceIdSet).toEqual(first.InstanceIdSet);
    expect((await adminInstances()).filter((i) => (first.InstanceIdSet as string[]).includes(i.id))).toHaveLength(2);
  });

  it("validates a dry run fully and answers only a RequestId", async () => {
    const before = (await adminInstances()).length;
    const out = await call(sdk("lighthouse"), "CreateInstances", { ...linux, DryRun: true });
    expect(Object.keys(out)).toEqual(["RequestId"]);
    expect((await adminInstances()).length).toBe(before);
  });

  const cases: Array<[string, string, Record<string, unknown>, string, string?]> = [
    ["no BundleId", "CreateInstances", { BlueprintId: linux.BlueprintId, InstanceChargePrepaid: { Period: 1 } }, "MissingParameter"],
    ["no InstanceChargePrepaid", "CreateInstances", { BundleId: linux.BundleId, BlueprintId: linux.BlueprintId }, "MissingParameter"],
    ["Period 13", "CreateInstances", { ...linux, InstanceChargePrepaid: { Period: 13 } }, "InvalidParameterValue.OutOfRange"],
    ["RenewFlag AUTO", "CreateInstances", { ...linux, InstanceChargePrepaid: { Period: 1, RenewFlag: "AUTO" } }, "InvalidParameterValue"],
    ["InstanceCount 31", "CreateInstances", { ...linux, InstanceCount: 31 }, "InvalidParameterValue.OutOfRange"],
    ["a 61-character name", "CreateInstances", { ...linux, InstanceName: "n".repeat(61) }, "InvalidParameterValue.InstanceNameTooLong"],
    ["a 65-character ClientToken", "CreateInstances", { ...linux, ClientToken: "t".repeat(65) }, "InvalidParameterValue.ClientTokenTooLong"],
    ["an unknown bundle", "CreateInstances", { ...linux, BundleId: "bundle_none_99" }, "InvalidParameter.BundleIdNotFound"],
    ["a malformed blueprint", "CreateInstances", { ...linux, BlueprintId: "ubuntu" }, "InvalidParameterValue.BlueprintIdMalformed"],
    ["an unknown blueprint", "CreateInstances", { ...linux, BlueprintId: "lhbp-00000000" }, "ResourceNotFound.BlueprintIdNotFound"],
    ["a sold-out bundle", "CreateInstances", { ...linux, BundleId: "bundle_ent_01" }, "ResourcesSoldOut.BundleSoldOut"],
    ["a zone without stock", "CreateInstances", { ...linux, BundleId: "bundle_gen_05", Zones: ["ap-guangzhou-3"] }, "ResourcesSoldOut.ZonesHasNoBundleConfigs"],
    ["Windows on a Linux-only bundle", "CreateInstances", { ...windows, BundleId: "bundle_linux_01" }, "InvalidParameterValue.BundleNotSupportBlueprintPlatform"],
    ["an image too big for the bundle", "CreateInstances", { ...linux, BundleId: "bundle_gen_01", BlueprintId: "lhbp-r8dk1qz3" }, "InvalidParameterValue.BundleAndBlueprintNotMatch"],
    ["a Linux password", "CreateInstances", { ...linux, LoginConfiguration: { Password: "Str0ng!Passw0rd" } }, "UnsupportedOperation.InstanceLinuxUnixCreatingNotSupportPassword"],
    ["a weak Windows password", "CreateInstances", { ...windows, LoginConfiguration: { Password: "short1!A" } }, "InvalidParameterValue.InvalidPassword"],
    ["a key pair on Windows", "CreateInstances", { ...windows, LoginConfiguration: { KeyIds: ["lhkp-1a2b3c4d"] } }, "UnsupportedOperation.WindowsNotAllowToAssociateKeyPair"],
    ["password and keys", "CreateInstances", { ...windows, LoginConfiguration: { Password: "Str0ng!Passw0rd", KeyIds: ["lhkp-1a2b3c4d"] } }, "InvalidParameter.ParameterConflict"],
    ["an unknown zone", "CreateInstances", { ...linux, Zones: ["ap-guangzhou-99"] }, "InvalidParameterValue.ZoneInvalid"],
    ["a zone of another region", "CreateInstances", { ...linux, Zones: ["ap-shanghai-2"] }, "InvalidParameterValue.InvalidZone"],
    ["an unknown firewall template", "CreateInstances", { ...linux, FirewallTemplateId: "lhfwt-00000000" }, "ResourceNotFound.FirewallTemplateNotFound"],
    ["containers on a plain image", "CreateInstances", { ...linux, Containers: [{ ContainerImage: "nginx" }] }, "InvalidParameterValue.InvalidParameterCombination"],
    ["11 tags", "CreateInstances", { ...linux, Tags: [...Array(11)].map((_, i) => ({ Key: `k${i}`, Value: "v" })) }, "InvalidParameterValue.LimitExceeded"],
    ["a reserved tag key", "CreateInstances", { ...linux, Tags: [{ Key: "qcloud:x", Value: "v" }] }, "InvalidParameterValue.ReservedTagKey"],
    ["a tag key with #", "CreateInstances", { ...linux, Tags: [{ Key: "a#b", Value: "v" }] }, "InvalidParameterValue.TagKeyCharacterIllegal"],
    ["an unknown parameter", "CreateInstances", { ...linux, Colour: "blue" }, "UnknownParameter"],
    ["a string InstanceCount", "CreateInstances", { ...linux, InstanceCount: "many" }, "InvalidParameter"],
    ["an unknown region", "DescribeInstances", {}, "AuthFailure.InvalidRegion", "ap-mars"],
    ["ids with filters", "DescribeInstances", { InstanceIds: ["lhins-aaaaaaaa"], Filters: [{ Name: "zone", Values: ["ap-guangzhou-3"] }] }, "InvalidParameter.ParameterConflict"],
    ["an unsupported filter", "DescribeInstances", { Filters: [{ Name: "colour", Values: ["blue"] }] }, "InvalidParameter.InvalidFilterNotSupportedName"],
    ["101 filter values", "DescribeInstances", { Filters: [{ Name: "zone", Values: [...Array(101)].map(String) }] }, "InvalidParameter.FilterValueLimitExceeded"],
    ["Limit 101", "DescribeInstances", { Limit: 101 }, "InvalidParameterValue.OutOfRange"],
    ["a malformed instance id", "IsolateInstances", { InstanceIds: ["i-123"] }, "InvalidParameterValue.InstanceIdMalformed"],
    ["21 ids to isolate", "IsolateInstances", { InstanceIds: [...Array(21)].map((_, i) => `lhins-${String(i).padStart(8, "0")}`) }, "InvalidParameterValue.LimitExceeded"],
    ["an unknown instance", "TerminateInstances", { InstanceIds: ["lhins-zzzzzzzz"] }, "ResourceNotFound.InstanceIdNotFound"],
    ["a rename without a name", "ModifyInstancesAttribute", { InstanceIds: ["lhins-zzzzzzzz"] }, "InvalidParameter.MustSpecifyOneAttributeToModify"],
    ["an unknown snapshot", "DeleteSnapshots", { SnapshotIds: ["lhsnap-zzzzzzzz"] }, "ResourceNotFound.SnapshotIdNotFound"],
    ["a 61-character snapshot name", "CreateInstanceSnapshot", { InstanceId: "lhins-zzzzzzzz", SnapshotName: "s".repeat(61) }, "InvalidParameterValue.SnapshotNameTooLong"],
  ];
  // A rest parameter keeps jest from taking a fifth parameter for a `done` callback on four-element rows.
  it.each(cases)("refuses %s (%s)", async (...row) => {
    const [, action, req, code, region] = row;
    expect(await codeOf(call(sdk("lighthouse", { region }), action, req))).toBe(code);
  });

  it("enforces the instance quota", async () => {
    const lh = sdk("lighthouse", { region: "na-siliconvalley" });
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 7; i++) codes.push(await codeOf(call(lh, "CreateInstances", { ...linux, InstanceCount: 30, DryRun: i < 6 ? undefined : true })));
    expect(codes.slice(0, 6)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(codes[6]).toBe("LimitExceeded.InstanceQuotaLimitExceeded");
  });

  it("throttles above the published rate with RequestLimitExceeded and answers injected 5xx with InternalError", async () => {
    const lh = sdk("lighthouse");
    const codes = await Promise.all([...Array(8)].map(() => codeOf(lh.DescribeBundles({}))));
    expect(codes.filter((c) => c === "RequestLimitExceeded").length).toBeGreaterThanOrEqual(3);
    await addFault({ cloud: "lighthouse", operation: "DescribeBlueprints", kind: "error5xx", count: 1 });
    expect(await codeOf(lh.DescribeBlueprints({}))).toBe("InternalError");
    expect(((await call(lh, "DescribeBlueprints", {})).BlueprintSet as unknown[]).length).toBeGreaterThan(0);
  });

  it("tags through the Tag service and filters by tag", async () => {
    const lh = sdk("lighthouse");
    const [id] = (await call(lh, "CreateInstances", { ...linux, Tags: [{ Key: "env", Value: "prod" }] })).InstanceIdSet as string[];
    const res = `qcs::lighthouse:ap-guangzhou:uin/100000000001:instance/${id}`;
    const tagged = await call(sdk("tag"), "TagResources", { ResourceList: [res], Tags: [{ TagKey: "team", TagValue: "web" }] });
    expect(tagged.FailedResources).toEqual([]);
    await call(sdk("tag"), "UnTagResources", { ResourceList: [res], TagKeys: ["env"] });
    const found = (await call(lh, "DescribeInstances", { Filters: [{ Name: "tag:team", Values: ["web"] }] })).InstanceSet as Instance[];
    expect(found.map((i) => i.InstanceId)).toEqual([id]);
    expect(found[0].Tags).toEqual([{ Key: "team", Value: "web" }]);
  });

  it("snapshots an instance: CREATING, then NORMAL, then deleted", async () => {
    const lh = sdk("lighthouse");
    const [id] = (await call(lh, "CreateInstances", linux)).InstanceIdSet as string[];
    // A snapshot needs the create operation finished too, which may trail the RUNNING state.
    await until(() => describeIds(lh, [id]), (s) => s[0]?.InstanceState === "RUNNING" && s[0]?.LatestOperationState === "SUCCESS", "RUNNING");
    const { SnapshotId } = (await call(lh, "CreateInstanceSnapshot", { InstanceId: id, SnapshotName: "before-upgrade" })) as { SnapshotId: string };
    const snaps = async () => (await call(lh, "DescribeSnapshots", { SnapshotIds: [SnapshotId] })).SnapshotSet as Array<{ SnapshotState: string }>;
    expect((await snaps())[0].SnapshotState).toBe("CREATING");
    expect(await codeOf(call(lh, "DeleteSnapshots", { SnapshotIds: [SnapshotId] }))).toBe("UnsupportedOperation.InvalidSnapshotState");
    await until(snaps, (s) => s[0]?.SnapshotState === "NORMAL", "NORMAL");
    await call(lh, "DeleteSnapshots", { SnapshotIds: [SnapshotId] });
    expect(await snaps()).toEqual([]);
  });
});

/** raw sends a hand-signed request, to exercise what the SDK never sends (stale clocks, extra signed headers). */
async function raw(opts: {
  timestamp?: number;
  signHost?: (host: string) => string;
  extraSigned?: Record<string, string>;
  tamper?: Record<string, string>;
}): Promise<{ status: number; contentType: string | null; json: { Response: { Error?: { Code: string }; RequestId: string } } }> {
  const body = JSON.stringify({ Limit: 1 });
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const host = `127.0.0.1:${lc.port}`;
  const signed = { "content-type": "application/json", host: (opts.signHost ?? ((h) => h))(host), ...opts.extraSigned };
  const { authorization } = signTc3({
    secretId: "localcloud",
    secretKey: "localcloud-secret",
    service: "lighthouse",
    timestamp,
    method: "POST",
    path: "/",
    query: "",
    headers: signed,
    payload: body,
  });
  const res = await fetch(`${lc.url}/`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-tc-action": "DescribeInstances",
      "x-tc-version": "2020-03-24",
      "x-tc-region": "ap-guangzhou",
      "x-tc-timestamp": String(timestamp),
      ...opts.extraSigned,
      ...opts.tamper,
      authorization,
    },
    body,
  });
  return { status: res.status, contentType: res.headers.get("content-type"), json: (await res.json()) as never };
}

describe("localcloud's TC3 verifier", () => {
  const variants: Array<[string, Parameters<typeof raw>[0], string | undefined]> = [
    ["the host signed with its port", {}, undefined],
    ["the host signed without its port (as the Node SDK does)", { signHost: (h) => h.replace(/:\d+$/, "") }, undefined],
    ["x-tc-action signed too (the docs' example)", { extraSigned: { "x-tc-action": "DescribeInstances" } }, undefined],
    ["a signed header changed after signing", { extraSigned: { "x-tc-action": "DescribeInstances" }, tamper: { "x-tc-action": "DescribeInstances2" } }, "AuthFailure.SignatureFailure"],
    ["a timestamp 6 minutes ahead", { timestamp: Math.floor(Date.now() / 1000) + 360 }, "AuthFailure.SignatureExpire"],
    ["a timestamp 4 minutes behind", { timestamp: Math.floor(Date.now() / 1000) - 240 }, undefined],
  ];
  it.each(variants)("answers %s", async (_name, opts, code) => {
    const res = await raw(opts);
    expect(res.status).toBe(200);
    expect(res.contentType).toBe("application/json");
    expect(res.json.Response.Error?.Code).toBe(code);
    expect(typeof res.json.Response.RequestId).toBe("string");
  });
});

/** driverContext builds by hand what core builds: retried sends and a shared poller over the driver's describe. */
function driverContext(opts: { region?: string; secretKey?: string } = {}): DriverContext {
  const ctx: DriverContext = {
    cloud: "lighthouse",
    region: opts.region ?? "ap-guangzhou",
    endpoint: lc.url,
    account: "lighthouse|test",
    credentials: { accessKeyId: "localcloud", secretAccessKey: opts.secretKey ?? "localcloud-secret" },
    clock: systemClock,
    deadline: Date.now() + 30_000,
    send: (c) => send(c, { retry: { maxAttempts: 8, baseDelayMs: 20, maxDelayMs: 300 } }),
    waitFor: (spec) => poller.waitFor({ ...spec, deadline: spec.deadline ?? ctx.deadline }),
    batch: batchEach,
    log: () => undefined,
  };
  const poller = new Poller("lighthouse", (ids) => lighthouseDriver.describe(ctx, ids), {
    minIntervalMs: 40,
    maxIntervalMs: 200,
    batchSize: lighthouseDriver.describeBatchSize,
    clock: systemClock,
  });
  return ctx;
}

function args(over: Partial<LighthouseInstanceArgs> = {}): LighthouseInstanceArgs {
  return lighthouseInstanceSchema.parse({
    cloud: "lighthouse",
    region: "ap-guangzhou",
    bundleId: "bundle_gen_02",
    blueprintId: "lhbp-a7oxy2z5",
    instanceChargePrepaid: { period: 1 },
    ...over,
  });
}

const ownerTags = { "lightfleet-owner": "proj/dev/web fleet#1", "lightfleet-fleet": "f1a2b3" };

async function waitReady(ctx: DriverContext, ids: string[]): Promise<Map<string, InstanceView | undefined>> {
  return ctx.waitFor({ ids, what: "ready", check: (v) => ([...v.values()].every((x) => x && x.phase !== "pending") ? "done" : "wait") });
}

describe("lightfleet's lighthouse driver against localcloud", () => {
  it("creates a fleet, replays its token, renames and retags it, finds it, and deletes it", async () => {
    const ctx = driverContext();
    const a = args({ instanceCount: 2, instanceName: "web", tags: { env: "prod", tier: "front" } });
    const { ids } = await lighthouseDriver.create(ctx, a, { count: 2, clientToken: "lf-conformance-fleet", ownerTags });
    expect(ids).toHaveLength(2);
    const ready = await waitReady(ctx, ids);
    for (const v of ready.values()) {
      expect(v).toMatchObject({ phase: "ready", state: "RUNNING", name: "web" });
      expect(v?.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(v?.tags).toMatchObject({ env: "prod", tier: "front", "lightfleet-fleet": "f1a2b3", "lightfleet-owner": "proj/dev/web fleet_1" });
    }

    const replay = await lighthouseDriver.create(ctx, a, { count: 2, clientToken: "lf-conformance-fleet", ownerTags });
    expect(replay.ids).toEqual(ids);

    const b = args({ instanceCount: 2, instanceName: "web-v2", tags: { env: "staging", owner: "ops" } });
    await lighthouseDriver.update(ctx, [...ready.values()] as InstanceView[], a, b);
    const after = await lighthouseDriver.describe(ctx, ids);
    for (const v of after.values()) {
      expect(v.name).toBe("web-v2");
      expect(v.tags).toEqual({ env: "staging", owner: "ops", "lightfleet-fleet": "f1a2b3", "lightfleet-owner": "proj/dev/web fleet_1" });
    }

    expect((await lighthouseDriver.findByTags(ctx, ownerTags)).map((v) => v.id).sort()).toEqual([...ids].sort());
    expect((await lighthouseDriver.findByIdsOrNames(ctx, [ids[0], "web-v2"])).map((v) => v.id).sort()).toEqual([...ids].sort());

    await lighthouseDriver.delete(ctx, ids);
    expect((await lighthouseDriver.describe(ctx, ids)).size).toBe(0);
    expect((await adminInstances()).filter((i) => ids.includes(i.id))).toEqual([]);
  });

  it("reports an injected launch failure as failed with the cloud's detail, and still deletes it", async () => {
    const ctx = driverContext({ region: "ap-singapore" });
    await addFault({ cloud: "lighthouse", operation: "CreateInstances", kind: "launchFailure", count: 1 });
    const { ids } = await lighthouseDriver.create(ctx, args({ region: "ap-singapore" }), { count: 1, clientToken: "lf-conformance-fail", ownerTags });
    const view = (await waitReady(ctx, ids)).get(ids[0]);
    expect(view?.phase).toBe("failed");
    expect(view?.failure).toEqual({ code: "LAUNCH_FAILED", message: expect.stringMatching(/CreateInstances: FAILED/) });
    await lighthouseDriver.delete(ctx, ids);
    expect((await lighthouseDriver.describe(ctx, ids)).size).toBe(0);
  });

  it("deletes instances still launching by waiting for the launch first", async () => {
    const ctx = driverContext({ region: "ap-beijing" });
    const { ids } = await lighthouseDriver.create(ctx, args({ region: "ap-beijing" }), { count: 3, clientToken: "lf-conformance-early", ownerTags });
    await lighthouseDriver.delete(ctx, ids);
    expect((await adminInstances()).filter((i) => ids.includes(i.id))).toEqual([]);
  });

  it("treats unknown and already-deleted instances as gone", async () => {
    const ctx = driverContext();
    expect((await lighthouseDriver.describe(ctx, ["lhins-zzzzzzzz"])).size).toBe(0);
    await expect(lighthouseDriver.delete(ctx, ["lhins-zzzzzzzz", "lhins-yyyyyyyy"])).resolves.toBeUndefined();
  });

  it("preflights with a dry run: catalogue rules fail check, a valid fleet creates nothing", async () => {
    const ctx = driverContext();
    const before = (await adminInstances()).length;
    await expect(lighthouseDriver.preflight?.(ctx, args({ instanceCount: 5 }))).resolves.toBeUndefined();
    expect((await adminInstances()).length).toBe(before);
    const err = await lighthouseDriver.preflight?.(ctx, args({ loginConfiguration: { password: "Str0ng!Passw0rd" } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect(err).toMatchObject({ code: "UnsupportedOperation.InstanceLinuxUnixCreatingNotSupportPassword", retryable: false });
  });

  it("retries throttling and internal errors, and fails fast on a wrong secret", async () => {
    await addFault({ cloud: "lighthouse", operation: "DescribeInstances", kind: "throttle", count: 2 });
    await addFault({ cloud: "lighthouse", operation: "DescribeInstances", kind: "error5xx", count: 1 });
    await expect(lighthouseDriver.describe(driverContext(), ["lhins-zzzzzzzz"])).resolves.toEqual(new Map());
    const err = await lighthouseDriver.describe(driverContext({ secretKey: "wrong" }), ["lhins-zzzzzzzz"]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "AuthFailure.SignatureFailure", retryable: false });
    expect((err as Error).message).not.toContain("wrong");
  });

  it("snapshots an instance with the snapshot client functions", async () => {
    const ctx = driverContext({ region: "ap-shanghai" });
    const { ids } = await lighthouseDriver.create(ctx, args({ region: "ap-shanghai" }), { count: 1, clientToken: "lf-conformance-snap", ownerTags });
    await waitReady(ctx, ids);
    const snapshotId = await createInstanceSnapshot(ctx, { instanceId: ids[0], snapshotName: "nightly", tags: { env: "prod" } });
    expect((await describeSnapshot(ctx, snapshotId))?.state).toBe("CREATING");
    const normal = await until(() => describeSnapshot(ctx, snapshotId), (s) => s?.state === "NORMAL", "NORMAL");
    expect(normal).toMatchObject({ name: "nightly", percent: 100, tags: { env: "prod" } });
    await deleteSnapshots(ctx, [snapshotId, "lhsnap-zzzzzzzz"]);
    expect(await describeSnapshot(ctx, snapshotId)).toBeUndefined();
    await lighthouseDriver.delete(ctx, ids);
  });
});
