import { execFile } from "child_process";
import * as path from "path";
import { promisify } from "util";
import got from "got";
import { startLocalcloud, type Localcloud } from "../../localcloud/server";
import { zenlayerDriver, type ZenlayerInstanceArgs } from "../../provider/clouds/zenlayer";
import { zenlayerCall } from "../../provider/clouds/zenlayer/client";
import type { DriverContext } from "../../provider/core/driver";
import { CloudError } from "../../provider/core/errors";
import { Poller } from "../../provider/core/poller";
import { TokenBucket } from "../../provider/core/rateLimiter";
import { send } from "../../provider/core/transport";
import { systemClock, type Clock } from "../../provider/core/clock";
import type { Credentials, InstanceView } from "../../provider/core/types";
import { batchEach } from "../support/batch";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const KEYS: Credentials = { accessKeyId: "localcloud", secretAccessKey: "localcloud-secret" };

let lc: Localcloud;
let python: string;

beforeAll(async () => {
  const ensured = await run("bash", [path.join(root, "scripts/ensure-pyenv.sh")], { timeout: 180_000 });
  python = ensured.stdout.trim();
  lc = await startLocalcloud({ port: 0, timeScale: 0.01 });
}, 200_000);

afterAll(async () => {
  await lc?.close();
});

/** context builds a DriverContext by hand: core's send with a fast retry policy and a shared poller. */
function context(opts: { credentials?: Credentials; clock?: Clock; region?: string } = {}): DriverContext {
  const buckets = new Map<string, TokenBucket>();
  const bucket = (op: string) => buckets.get(op) ?? buckets.set(op, new TokenBucket(15)).get(op)!;
  const ctx: DriverContext = {
    cloud: "zenlayer",
    region: opts.region ?? "asia-east-1",
    endpoint: lc.url,
    account: "zenlayer|test",
    credentials: opts.credentials ?? KEYS,
    clock: opts.clock ?? systemClock,
    send: (call) => send(call, { bucket: bucket(call.operation), retry: { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 300 } }),
    waitFor: (spec) => poller.waitFor({ deadline: Date.now() + 30_000, ...spec }),
    batch: batchEach,
    deadline: Date.now() + 60_000,
    log: () => undefined,
  };
  const poller = new Poller("zenlayer", (ids) => zenlayerDriver.describe(ctx, ids), {
    minIntervalMs: 20,
    maxIntervalMs: 100,
    batchSize: 100,
    clock: systemClock,
  });
  return ctx;
}

const args = (overrides: Partial<ZenlayerInstanceArgs> = {}): ZenlayerInstanceArgs =>
  zenlayerDriver.schema.parse({
    cloud: "zenlayer",
    region: "asia-east-1",
    zoneId: "asia-east-1a",
    imageId: "img-ubuntu-2204-x64",
    instanceType: "c.1c2g",
    instanceChargeType: "POSTPAID",
    internetChargeType: "ByBandwidth",
    subnetId: "subnet-hk-a-default",
    password: "Fleet~2024",
    ...overrides,
  });

const owner = { "lightfleet-owner": "proj/dev/web", "lightfleet-fleet": "f-1" };

/** waitReady waits until every instance is ready for a fleet with these inputs (the default ones ask for a public IPv4), or failed. */
async function waitReady(ctx: DriverContext, ids: string[], fleet: Partial<ZenlayerInstanceArgs> = {}): Promise<Map<string, InstanceView | undefined>> {
  const phase = (v: InstanceView | undefined) => v && zenlayerDriver.status(v, args(fleet));
  return ctx.waitFor({
    ids,
    what: "running with a public IP",
    check: (views) => ([...views.values()].every((v) => phase(v) === "ready" || phase(v) === "failed") ? "done" : "wait"),
  });
}

async function adminInstances(): Promise<Array<{ cloud: string; id: string; state: string }>> {
  const body = await got(`${lc.url}/_localcloud/instances`).json<{ instances: Array<{ cloud: string; id: string; state: string }> }>();
  return body.instances.filter((i) => i.cloud === "zenlayer");
}

async function fault(rule: Record<string, unknown>): Promise<void> {
  await got.post(`${lc.url}/_localcloud/faults`, { json: { cloud: "zenlayer", ...rule } });
}

/** raw sends one signed call and returns the result or the CloudError (retrying only what is retryable, `attempts` times). */
async function raw(action: string, params: Record<string, unknown>, ctx = context(), service: "vm" | "zrm" = "vm", attempts = 8): Promise<unknown> {
  try {
    return await send(zenlayerCall(ctx, service, action, params, (r) => r), { retry: { maxAttempts: attempts, baseDelayMs: 50, maxDelayMs: 400 } });
  } catch (err) {
    return err;
  }
}

describe("the official zenlayercloud-sdk-python against localcloud", () => {
  test("creates, lists, retags, recycles and releases instances; a wrong secret is refused", async () => {
    const { stdout } = await run(python, [path.join(__dirname, "py/zenlayer_flow.py"), `127.0.0.1:${lc.port}`, KEYS.accessKeyId, KEYS.secretAccessKey], {
      timeout: 60_000,
    });
    const out = JSON.parse(stdout);
    expect(out.zones).toContain("asia-east-1a");
    expect(out.createdIds).toHaveLength(2);
    const running = Object.values(out.running) as Array<{ name: string; status: string; publicIp: string; tags: Record<string, string> }>;
    expect(running.map((r) => r.name).sort()).toEqual(["conf001", "conf002"]);
    for (const r of running) {
      expect(r.status).toBe("RUNNING");
      expect(r.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(r.tags).toEqual({ suite: "conformance" });
    }
    expect(out.retagged).toEqual({ tier: "web" });
    expect(out.releaseBeforeTerminate).toBe("OPERATION_DENIED_INSTANCE_NOT_RECYCLED");
    expect(out.recycled).toBe(true);
    expect(out.terminateTwice).toBe("OPERATION_DENIED_INSTANCE_RECYCLED");
    expect(out.remainingAfterRelease).toBe(0);
    expect(out.badZone).toBe("INVALID_ZONE_NOT_FOUND");
    expect(out.wrongSecret).toBe("INVALID_SIGNATURE");
    expect(out.unknownKey).toBe("INVALID_ACCESS_KEY");
    const ids = new Set(out.createdIds as string[]);
    expect((await adminInstances()).filter((i) => ids.has(i.id))).toEqual([]);
  }, 90_000);
});

describe("the official zenlayercloud-sdk-python reads localcloud's catalogue", () => {
  test("DescribeVpcs, DescribeSubnets and DescribeSecurityGroups answer in the SDK's models, with filters and pages; images and types by zone", async () => {
    const { stdout } = await run(python, [path.join(__dirname, "py/zenlayer_catalog.py"), `127.0.0.1:${lc.port}`, KEYS.accessKeyId, KEYS.secretAccessKey], {
      timeout: 60_000,
    });
    const out = JSON.parse(stdout);
    expect(out.vpcs).toEqual([{ vpcId: "vpc-hk-a-default", zoneId: "asia-east-1a", status: "AVAILABLE", subnets: ["subnet-hk-a-default", "subnet-hk-a-tiny"], isDefault: true }]);
    expect(out.vpcsTotal).toBeGreaterThan(1);
    expect(Object.keys(out.subnets).sort()).toEqual(["subnet-hk-a-default", "subnet-hk-a-tiny"]);
    // The tiny subnet has two free addresses left, the number CreateInstances allows.
    expect(out.subnets["subnet-hk-a-tiny"]).toMatchObject({ zoneId: "asia-east-1a", cidr: "10.11.0.0/29", total: 8, used: 6, status: "AVAILABLE" });
    expect(out.subnetsTotal).toBe(2);
    expect(out.subnetPage2.ids).toHaveLength(3);
    expect(out.subnetPage2.total).toBeGreaterThan(6);
    expect(out.subnetsById).toEqual(["subnet-la-a-default"]);
    expect(out.subnetBadPageSize).toBe("INVALID_PARAMETER_VALUE");
    expect(out.securityGroups["sg-default-ssh"]).toMatchObject({ name: "ssh", isDefault: false });
    expect(out.securityGroups["sg-default-ssh"].rules).toContainEqual(["ingress", "tcp", "22/22"]);
    expect(out.securityGroupsNamedSsh).toEqual(["sg-default-ssh"]);
    expect(out.imagesInSeoul).toContain("img-ubuntu-2204-x64");
    expect(out.imagesInSeoul).not.toContain("img-windows-2022-x64");
    // m.8c32g is listed in the zone but sold out: the catalogue offers only what CreateInstances sells.
    expect(out.typesInHongKongA).toEqual(["c.1c1g", "c.1c2g", "c.2c4g", "c.4c8g", "m.2c8g"]);
  }, 90_000);

  test("a subnet's used addresses count the instances CreateInstances put there", async () => {
    const ctx = context();
    const { ids } = await zenlayerDriver.create(ctx, args({ subnetId: "subnet-hk-a-tiny", instanceCount: 2 }), { count: 2, clientToken: "unused", ownerTags: owner });
    const answer = (await raw("DescribeSubnets", { subnetIds: ["subnet-hk-a-tiny"] }, ctx)) as { dataSet: Array<Record<string, unknown>> };
    expect(answer.dataSet[0]).toMatchObject({ usageIpCount: 8, totalIpCount: 8 });
    expect((answer.dataSet[0].instanceIdList as string[]).sort()).toEqual([...ids].sort());
    const body = {
      zoneId: "asia-east-1a",
      imageId: "img-ubuntu-2204-x64",
      instanceType: "c.1c2g",
      instanceChargeType: "POSTPAID",
      internetChargeType: "ByBandwidth",
      subnetId: "subnet-hk-a-tiny",
      password: "Fleet~2024",
    };
    expect(((await raw("CreateInstances", body, ctx)) as CloudError).code).toBe("OPERATION_DENIED_SUBNET_IP_INSUFFICIENT");
    await zenlayerDriver.delete(ctx, ids);
  }, 60_000);
});

describe("lightfleet's Zenlayer driver against localcloud", () => {
  test("creates a tagged, numbered fleet, finds it by tags, renames and retags it, and deletes it completely", async () => {
    const ctx = context();
    const a = args({ instanceCount: 3, instanceName: "web[1,3]", tags: { env: "dev", team: "a" } });
    const { ids } = await zenlayerDriver.create(ctx, a, { count: 3, clientToken: "unused", ownerTags: owner });
    expect(ids).toHaveLength(3);
    const ready = await waitReady(ctx, ids);
    const views = [...ready.values()] as InstanceView[];
    expect(views.map((v) => v.name).sort()).toEqual(["web001", "web002", "web003"]);
    for (const v of views) {
      expect(v).toMatchObject({ phase: "ready", state: "RUNNING", zone: "asia-east-1a", tags: { env: "dev", team: "a", ...owner } });
      expect(v.publicIp).toBeDefined();
      expect(v.privateIp).toBeDefined();
    }

    const found = await zenlayerDriver.findByTags(ctx, owner);
    expect(found.map((v) => v.id).sort()).toEqual([...ids].sort());
    expect(await zenlayerDriver.findByTags(context({ region: "na-west-1" }), owner)).toEqual([]);
    const adopted = await zenlayerDriver.findByIdsOrNames(ctx, [ids[0], "web002"]);
    expect(adopted.map((v) => v.name).sort()).toEqual(["web001", "web002"]);

    const b = args({ instanceCount: 3, instanceName: "api[7,2]", tags: { env: "prod" } });
    await zenlayerDriver.update(ctx, views, a, b);
    const after = [...(await zenlayerDriver.describe(ctx, ids)).values()];
    expect(after.map((v) => v.name).sort()).toEqual(["api07", "api08", "api09"]);
    for (const v of after) expect(v.tags).toEqual({ env: "prod", ...owner });

    await zenlayerDriver.delete(ctx, ids);
    expect(await zenlayerDriver.describe(ctx, ids)).toEqual(new Map());
    const left = new Set((await adminInstances()).map((i) => i.id));
    expect(ids.filter((id) => left.has(id))).toEqual([]);
    await zenlayerDriver.delete(ctx, ids);
  }, 30_000);

  test("delete waits out instances still being created and treats recycled ones as already terminated", async () => {
    const ctx = context();
    const { ids } = await zenlayerDriver.create(ctx, args({ instanceCount: 2 }), { count: 2, clientToken: "t", ownerTags: owner });
    expect([...(await zenlayerDriver.describe(ctx, ids)).values()].map((v) => v.state)).toEqual(["PENDING", "PENDING"]);
    await zenlayerDriver.delete(ctx, ids);
    expect((await zenlayerDriver.describe(ctx, ids)).size).toBe(0);
  }, 30_000);

  test("an instance without public IPv4 is ready once running", async () => {
    const ctx = context();
    const { ids } = await zenlayerDriver.create(ctx, args({ enableIpv4: false, enableIpv6: true }), { count: 1, clientToken: "t", ownerTags: owner });
    const [view] = [...(await waitReady(ctx, ids, { enableIpv4: false })).values()] as InstanceView[];
    expect(view).toMatchObject({ state: "RUNNING", publicIp: undefined });
    expect(zenlayerDriver.status(view, args({ enableIpv4: false }))).toBe("ready");
    await zenlayerDriver.delete(ctx, ids);
  }, 30_000);

  test("an injected launch failure ends CREATE_FAILED with the failure, and the failed instance can be deleted", async () => {
    const ctx = context();
    await fault({ kind: "launchFailure", operation: "CreateInstances", count: 1 });
    const { ids } = await zenlayerDriver.create(ctx, args({ instanceCount: 2 }), { count: 2, clientToken: "t", ownerTags: owner });
    const views = [...(await waitReady(ctx, ids)).values()] as InstanceView[];
    expect(views.map((v) => v.phase).sort()).toEqual(["failed", "ready"]);
    expect(views.find((v) => v.phase === "failed")!.failure).toMatchObject({ code: "CREATE_FAILED" });
    await zenlayerDriver.delete(ctx, ids);
    expect((await zenlayerDriver.describe(ctx, ids)).size).toBe(0);
  }, 30_000);

  test("a partial batch: instances that vanish after creation are reported gone", async () => {
    const ctx = context();
    await fault({ kind: "partialBatch", operation: "CreateInstances", count: 1 });
    const { ids } = await zenlayerDriver.create(ctx, args({ instanceCount: 4 }), { count: 4, clientToken: "t", ownerTags: owner });
    const views = await ctx.waitFor({
      ids,
      what: "the batch to settle",
      check: (vs) => ([...vs.values()].every((v) => !v || v.phase === "ready") ? "done" : "wait"),
    });
    expect([...views.values()].filter((v) => v === undefined)).toHaveLength(2);
    await zenlayerDriver.delete(ctx, ids);
  }, 30_000);

  test("throttling and 5xx answers are retried with a fresh signature", async () => {
    const ctx = context();
    await fault({ kind: "throttle", operation: "DescribeZones", count: 2 });
    await fault({ kind: "error5xx", operation: "DescribeZones", count: 1 });
    const zones = (await ctx.send(zenlayerCall(ctx, "vm", "DescribeZones", {}, (r) => r.zoneSet))) as Array<{ zoneId: string }>;
    expect(zones.map((z) => z.zoneId)).toContain("na-west-1a");
    const stats = await got(`${lc.url}/_localcloud/stats`).json<{ faults: Record<string, number> }>();
    expect(stats.faults["zenlayer.throttle"]).toBeGreaterThanOrEqual(2);
  });

  test.each([
    ["a throttled call", "throttle", 429, "REQUEST_LIMIT_EXCEEDED", true, true],
    ["an internal error", "error5xx", 500, "INTERNAL_SERVER_ERROR", true, false],
  ])("%s is a retryable CloudError in Zenlayer's envelope", async (_name, kind, status, code, retryable, throttled) => {
    await fault({ kind, operation: "DescribeImages", count: 1 });
    expect(await raw("DescribeImages", {}, context(), "vm", 1)).toMatchObject({ httpStatus: status, code, retryable, throttled, requestId: expect.stringMatching(/^T[0-9A-F-]{36}$/) });
  });
});

describe("authentication", () => {
  test.each([
    ["a wrong secret", { credentials: { accessKeyId: "localcloud", secretAccessKey: "nope" } }, "INVALID_SIGNATURE"],
    ["an unknown key", { credentials: { accessKeyId: "stranger", secretAccessKey: "localcloud-secret" } }, "INVALID_ACCESS_KEY"],
    ["a clock 10 minutes fast", { clock: { ...systemClock, now: () => Date.now() + 600_000 } }, "INVALID_TIMESTAMP"],
  ])("%s is refused with HTTP 401 and not retried", async (_name, opts, code) => {
    const err = await raw("DescribeZones", {}, context(opts));
    expect(err).toBeInstanceOf(CloudError);
    expect(err).toMatchObject({ httpStatus: 401, code, retryable: false });
    expect((err as CloudError).message).not.toContain("localcloud-secret");
  });

  test("a request without a signature is refused", async () => {
    const res = await got.post(`${lc.url}/api/v2/vm`, { headers: { "x-zc-action": "DescribeZones" }, body: "{}", throwHttpErrors: false });
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ code: "INVALID_AUTHORIZATION", requestId: expect.stringMatching(/^T/) });
  });
});

const create = {
  zoneId: "asia-east-1a",
  imageId: "img-ubuntu-2204-x64",
  instanceType: "c.1c2g",
  instanceChargeType: "POSTPAID",
  internetChargeType: "ByBandwidth",
  subnetId: "subnet-hk-a-default",
  password: "Fleet~2024",
};

describe("CreateInstances validation (the seed's rules and codes)", () => {
  test.each([
    ["zoneId missing", { zoneId: undefined }, 400, "MISSING_PARAMETER"],
    ["subnetId missing", { subnetId: undefined }, 400, "MISSING_PARAMETER"],
    ["an unknown charge type", { instanceChargeType: "MONTHLY" }, 400, "INVALID_PARAMETER_VALUE"],
    ["instanceCount 101", { instanceCount: 101 }, 400, "INVALID_PARAMETER_VALUE"],
    ["password and keyId together", { keyId: "key-YWD2QFOl" }, 400, "INVALID_PARAMETER_VALUE"],
    ["neither password nor keyId", { password: undefined }, 400, "INVALID_PARAMETER_VALUE"],
    ["a 7-character password", { password: "Ab1~abc" }, 400, "INVALID_PARAMETER_VALUE_PASSWORD_MALFORMED"],
    ["a password without a special character", { password: "Fleet2024x" }, 400, "INVALID_PASSWORD_MALFORMED"],
    ["a 65-character name", { instanceName: "a".repeat(65) }, 400, "INVALID_PARAMETER_INSTANCE_NAME_EXCEED"],
    ["a name with a space", { instanceName: "web 1" }, 400, "INVALID_PARAMETER_INSTANCE_NAME_MALFORMED"],
    ["a counter with 7 bits", { instanceName: "web[1,7]" }, 400, "INVALID_PARAMETER_INSTANCE_NAME_MALFORMED"],
    ["an init script over 32 KB", { initScript: "x".repeat(32 * 1024 + 1) }, 400, "INVALID_PARAMETER_VALUE"],
    ["PREPAID without a period", { instanceChargeType: "PREPAID" }, 400, "MISSING_PARAMETER"],
    ["an unknown zone", { zoneId: "SEL--A" }, 404, "INVALID_ZONE_NOT_FOUND"],
    ["an unknown image", { imageId: "img-nope" }, 404, "INVALID_IMAGE_NOT_FOUND"],
    ["an image not in the zone", { zoneId: "na-west-1a", subnetId: "subnet-la-a-default", imageId: "img-windows-2022-x64" }, 404, "INVALID_IMAGE_NOT_FOUND"],
    ["an unknown instance type", { instanceType: "x.64c512g" }, 404, "INVALID_INSTANCE_TYPE_NOT_FOUND"],
    ["a type not sold in the zone", { zoneId: "na-west-1a", subnetId: "subnet-la-a-default", instanceType: "m.2c8g" }, 400, "INVALID_INSTANCE_TYPE_ZONE_NO_SELL"],
    ["a sold-out type", { instanceType: "m.8c32g" }, 400, "RESOURCES_SOLDOUT_INSTANCE_TYPE"],
    ["a sold-out zone", { zoneId: "sa-east-1a", subnetId: "subnet-sao-a-default" }, 400, "RESOURCE_INSUFFICIENT_PRODUCT_SOLD_OUT"],
    ["POSTPAID where only PREPAID is sold", { zoneId: "eu-west-1a", subnetId: "subnet-fra-a-default" }, 403, "OPERATION_DENIED_CHARGE_TYPE_NOT_SUPPORT"],
    ["95 billing where it is not sold", { zoneId: "na-west-1a", subnetId: "subnet-la-a-default", internetChargeType: "ByInstanceBandwidth95" }, 403, "OPERATION_FILED_INTERNET_CHARGE_TYPE_NOT_SUPPORT"],
    ["bandwidth above the type's cap", { internetMaxBandwidthOut: 201 }, 400, "INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM"],
    ["a traffic package with ByBandwidth", { trafficPackageSize: 1 }, 403, "OPERATION_DENIED_INTERNET_CHARGE_TYPE_NOT_SUPPORT"],
    ["a negative traffic package", { internetChargeType: "ByTrafficPackage", trafficPackageSize: -1 }, 400, "INVALID_PARAMETER_TRAFFIC_PACKAGE"],
    ["a 501 TB traffic package", { internetChargeType: "ByTrafficPackage", trafficPackageSize: 501 }, 400, "INVALID_PARAMETER_TRAFFIC_PACKAGE_EXCEED"],
    ["a 25 GB system disk", { systemDisk: { diskSize: 25 } }, 400, "INVALID_SYSTEM_DISK_SIZE"],
    ["a system disk smaller than the image", { imageId: "img-windows-2022-x64", systemDisk: { diskSize: 30 } }, 400, "INVALID_SYSTEM_DISK_SIZE"],
    ["a 2000 GB system disk", { systemDisk: { diskSize: 2000 } }, 400, "INVALID_SYSTEM_DISK_EXCEED_LIMIT"],
    ["a 10 GB data disk", { dataDisks: [{ diskSize: 10 }] }, 400, "INVALID_DISK_SIZE_LESS_MINIMUM"],
    ["a 40000 GB data disk", { dataDisks: [{ diskSize: 40_000 }] }, 400, "INVALID_DISK_SIZE_EXCEED_MAXIMUM"],
    ["11 data disks", { dataDisks: Array.from({ length: 11 }, () => ({ diskSize: 20 })) }, 400, "INVALID_PARAMETER_VALUE"],
    ["data disks where none are sold", { zoneId: "na-west-1a", subnetId: "subnet-la-a-default", dataDisks: [{ diskSize: 20 }] }, 400, "INVALID_DISK_ZONE_NO_SELL"],
    ["a subnet of another zone", { subnetId: "subnet-hk-b-default" }, 403, "OPERATION_DENIED_SUBNET_ZONE_MISMATCH"],
    ["a subnet without free addresses", { subnetId: "subnet-hk-a-tiny", instanceCount: 3 }, 403, "OPERATION_DENIED_SUBNET_IP_INSUFFICIENT"],
    ["a security group where none are supported", { zoneId: "na-west-1a", subnetId: "subnet-la-a-default", securityGroupId: "sg-default-web" }, 403, "INVALID_REGION_SECURITY_GROUP_NOT_SUPPORT"],
    ["an unknown CIDR block", { cidrBlockId: "cidr-nope" }, 404, "OPERATION_DENIED_IPV4_CIDR_NOT_FOUND"],
    ["a CIDR block without enough addresses", { cidrBlockId: "cidr-hk-a-full", instanceCount: 2 }, 403, "OPERATION_DENIED_IPV4_CIDR_IP_NOT_ENOUGH"],
    ["a repeated tag key", { tags: { tags: [{ key: "a", value: "1" }, { key: "a", value: "2" }] } }, 400, "INVALID_PARAMETER_VALUE"],
  ])("%s: HTTP %i %s", async (_name, overrides, status, code) => {
    const err = await raw("CreateInstances", { ...create, ...overrides });
    expect(err).toBeInstanceOf(CloudError);
    expect(err).toMatchObject({ httpStatus: status, code, retryable: false });
  });

  test("an unknown action is refused in the error envelope", async () => {
    expect(await raw("LaunchRockets", {})).toMatchObject({ httpStatus: 400, code: "INVALID_ACTION" });
  });
});

describe("instance operations", () => {
  let ids: string[];

  beforeAll(async () => {
    const out = (await raw("CreateInstances", { ...create, instanceCount: 3, instanceName: "ops[1,2]", tags: { tags: [{ key: "suite", value: "ops" }] } })) as {
      instanceIdSet: string[];
    };
    ids = out.instanceIdSet;
  });

  test("operations on an instance still being created are refused", async () => {
    expect(await raw("StopInstances", { instanceIds: [ids[0]] })).toMatchObject({ httpStatus: 403, code: "OPERATION_DENIED_INSTANCE_CREATING" });
    await waitReady(context(), ids);
  });

  test("DescribeInstances filters by fuzzy name, tags and status, and pages", async () => {
    const byName = (await raw("DescribeInstances", { instanceName: "ops*", tagKeys: ["suite"] })) as { totalCount: number };
    expect(byName.totalCount).toBe(3);
    const exact = (await raw("DescribeInstances", { instanceName: "ops02" })) as { dataSet: Array<{ instanceName: string }> };
    expect(exact.dataSet.map((i) => i.instanceName)).toEqual(["ops02"]);
    const paged = (await raw("DescribeInstances", { tags: [{ key: "suite", value: "ops" }], pageSize: 2, pageNum: 2 })) as { totalCount: number; dataSet: unknown[] };
    expect(paged).toMatchObject({ totalCount: 3, dataSet: [expect.anything()] });
    const unknown = (await raw("DescribeInstances", { instanceIds: ["404"] })) as { totalCount: number };
    expect(unknown.totalCount).toBe(0);
    expect(await raw("DescribeInstances", { instanceIds: Array.from({ length: 101 }, (_, i) => String(i)) })).toMatchObject({ httpStatus: 400 });
    const status = (await raw("DescribeInstancesStatus", { instanceIds: ids })) as { dataSet: Array<{ instanceStatus: string }> };
    expect(status.dataSet.map((s) => s.instanceStatus)).toEqual(["RUNNING", "RUNNING", "RUNNING"]);
  });

  test("stop, start and reboot move through their states", async () => {
    const ctx = context();
    const stateOf = async () => (await zenlayerDriver.describe(ctx, [ids[0]])).get(ids[0])!.state;
    await raw("StopInstances", { instanceIds: [ids[0]] });
    await ctx.waitFor({ ids: [ids[0]], what: "stopped", check: (v) => (v.get(ids[0])?.phase === "stopped" ? "done" : "wait") });
    expect(await raw("RebootInstances", { instanceIds: [ids[0]] })).toMatchObject({ httpStatus: 403, code: "OPERATION_DENIED_INSTANCE_STATUS_INVALID" });
    expect(await stateOf()).toBe("STOPPED");
    await raw("StartInstances", { instanceIds: [ids[0]] });
    await waitReady(ctx, [ids[0]]);
    expect(await stateOf()).toBe("RUNNING");
  });

  test("ModifyInstancesAttribute renames; unknown ids are INVALID_INSTANCE_NOT_FOUND", async () => {
    await raw("ModifyInstancesAttribute", { instanceIds: [ids[1]], instanceName: "renamed" });
    expect((await zenlayerDriver.describe(context(), [ids[1]])).get(ids[1])!.name).toBe("renamed");
    expect(await raw("ModifyInstancesAttribute", { instanceIds: ["404"], instanceName: "x" })).toMatchObject({ httpStatus: 404, code: "INVALID_INSTANCE_NOT_FOUND" });
    expect(await raw("ModifyResourceTags", { resourceUuid: "404", replaceTags: [] }, context(), "zrm")).toMatchObject({
      httpStatus: 404,
      code: "OPERATION_FAILED_RESOURCE_NOT_FOUND",
    });
  });

  test("the recycle bin: release only recycled instances, terminate only once", async () => {
    expect(await raw("ReleaseInstances", { instanceIds: ids })).toMatchObject({ httpStatus: 403, code: "OPERATION_DENIED_INSTANCE_NOT_RECYCLED" });
    await raw("TerminateInstance", { instanceId: ids[2] });
    expect(await raw("TerminateInstance", { instanceId: ids[2] })).toMatchObject({ httpStatus: 403, code: "OPERATION_DENIED_INSTANCE_RECYCLED" });
    await zenlayerDriver.delete(context(), ids);
    expect(await raw("TerminateInstance", { instanceId: ids[2] })).toMatchObject({ httpStatus: 404, code: "INVALID_INSTANCE_NOT_FOUND" });
  }, 30_000);

  test("catalogue calls describe zones, images and instance models", async () => {
    const zones = (await raw("DescribeZones", { zoneIds: ["na-west-1a"] })) as { zoneSet: Array<{ supportSecurityGroup: boolean }> };
    expect(zones.zoneSet).toEqual([expect.objectContaining({ zoneId: "na-west-1a", supportSecurityGroup: false })]);
    const images = (await raw("DescribeImages", { zoneId: "na-west-1a", osType: "windows" })) as { totalCount: number };
    expect(images.totalCount).toBe(0);
    const types = (await raw("DescribeZoneInstanceConfigInfos", { zoneId: "asia-east-1a" })) as { instanceTypeQuotaSet: Array<{ instanceType: string }> };
    expect(types.instanceTypeQuotaSet.map((t) => t.instanceType)).not.toContain("m.8c32g");
  });
});

describe("quota", () => {
  test("a region holds at most 200 instances", async () => {
    const many = { ...create, zoneId: "asia-southeast-1a", subnetId: "subnet-sg-a-default", instanceCount: 100 };
    expect(await raw("CreateInstances", many)).toMatchObject({ instanceIdSet: expect.any(Array) });
    expect(await raw("CreateInstances", many)).toMatchObject({ instanceIdSet: expect.any(Array) });
    expect(await raw("CreateInstances", { ...many, instanceCount: 1 })).toMatchObject({ httpStatus: 403, code: "OPERATION_DENIED_INSTANCE_QUOTA_EXCEED" });
    await got.post(`${lc.url}/_localcloud/reset`);
    expect(await adminInstances()).toEqual([]);
  });
});
