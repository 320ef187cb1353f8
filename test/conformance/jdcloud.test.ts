import { execFile, execFileSync } from "child_process";
import * as path from "path";
import got from "got";
import { startLocalcloud, type Localcloud } from "../../localcloud/server";
import { jdcloudDriver, type JdcloudInstanceArgs } from "../../provider/clouds/jdcloud";
import { jdcloudCall } from "../../provider/clouds/jdcloud/client";
import type { DriverContext } from "../../provider/core/driver";
import { CloudError } from "../../provider/core/errors";
import { Poller } from "../../provider/core/poller";
import { send } from "../../provider/core/transport";
import { TokenBucket } from "../../provider/core/rateLimiter";
import { systemClock } from "../../provider/core/clock";
import type { InstanceView } from "../../provider/core/types";
import { jdcloudDate, signJdcloud } from "../../signing/jdcloud";
import { batchEach } from "../support/batch";

const ROOT = path.resolve(__dirname, "../..");
const SCRIPT = path.join(__dirname, "py", "jdcloud_flow.py");
const REGION = "cn-north-1";

let lc: Localcloud;
let python: string;

interface SdkAnswer {
  requestId: string;
  result: Record<string, unknown> | null;
  error: { code: number; status: string; message: string } | null;
}

/** sdk sends one request through the official Python SDK's client and signer. */
function sdk(method: string, url: string, parameters: Record<string, unknown>, secretKey = "localcloud-secret", accessKey = "localcloud"): Promise<SdkAnswer> {
  const spec = JSON.stringify({ endpoint: lc.url.replace("http://", ""), accessKey, secretKey, method, url, parameters });
  return new Promise((resolve, reject) =>
    execFile(python, [SCRIPT, spec], { timeout: 30_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout)))),
  );
}

function baseSpec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    az: "cn-north-1a",
    instanceType: "g.n2.medium",
    imageId: "img-ubuntu2204",
    name: "lf-conformance",
    primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-n1web", securityGroups: [{ groupId: "sg-n1default" }] },
    systemDisk: { diskType: "ssd.gp1", diskSizeGB: 40 },
    ...overrides,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function adminIds(): Promise<string[]> {
  const body = await got(`${lc.url}/_localcloud/instances`).json<{ instances: Array<{ cloud: string; id: string }> }>();
  return body.instances.filter((i) => i.cloud === "jdcloud").map((i) => i.id);
}

/** buckets keep the tests' calls under the driver's rates, as core's shared buckets do. */
const buckets = new Map<string, TokenBucket>();

function bucket(operation: string): TokenBucket {
  let b = buckets.get(operation);
  if (!b) buckets.set(operation, (b = new TokenBucket(jdcloudDriver.rateLimits[operation] ?? jdcloudDriver.defaultRate)));
  return b;
}

function context(overrides: Partial<DriverContext> = {}): DriverContext {
  const retry = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 500 };
  const ctx: DriverContext = {
    cloud: "jdcloud",
    region: REGION,
    endpoint: lc.url,
    account: "jdcloud|test",
    credentials: { accessKeyId: "localcloud", secretAccessKey: "localcloud-secret" },
    clock: systemClock,
    deadline: Date.now() + 60_000,
    send: (call) => send(call, { retry, bucket: bucket(call.operation) }),
    waitFor: (spec) => poller.waitFor({ ...spec, deadline: spec.deadline ?? Date.now() + 30_000 }),
    batch: batchEach,
    log: () => undefined,
    ...overrides,
  };
  const poller = new Poller("jdcloud", (ids) => jdcloudDriver.describe(ctx, ids), { minIntervalMs: 20, maxIntervalMs: 100, batchSize: 100, clock: systemClock });
  return ctx;
}

/** raw sends a request signed by lightfleet's signer with chosen date, nonce and secret, and no retries. */
async function raw(opts: { method: "GET" | "POST"; path: string; query?: string; body?: string; date?: Date; nonce?: string; secret?: string; once?: boolean }) {
  for (;;) {
    const r = await rawOnce(opts);
    // The validation table sends faster than the published rate; only the rate test wants to see the 429s.
    if (opts.once || r.body.error?.status !== "RATE_LIMIT_EXCEEDED") return r;
    await sleep(100);
  }
}

async function rawOnce(opts: { method: "GET" | "POST"; path: string; query?: string; body?: string; date?: Date; nonce?: string; secret?: string }) {
  const url = new URL(lc.url);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-jdcloud-date": jdcloudDate(opts.date ?? new Date()),
    "x-jdcloud-nonce": opts.nonce ?? `n-${Math.random()}`,
  };
  const s = signJdcloud({
    version: "JDCLOUD2",
    method: opts.method,
    path: opts.path,
    rawQuery: opts.query ?? "",
    headers: { ...headers, host: url.host },
    body: opts.body ?? "",
    accessKeyId: "localcloud",
    secretAccessKey: opts.secret ?? "localcloud-secret",
    region: REGION,
    service: "coc-vm",
  });
  const res = await got(`${lc.url}${opts.path}${opts.query ? `?${opts.query}` : ""}`, {
    method: opts.method,
    headers: { ...headers, authorization: s.authorization },
    body: opts.body,
    throwHttpErrors: false,
    retry: 0,
    responseType: "text",
  });
  return { status: res.statusCode, body: JSON.parse(res.body) as { requestId: string; result?: unknown; error?: { code: number; status: string; message: string } } };
}

beforeAll(async () => {
  python = execFileSync("bash", [path.join(ROOT, "scripts", "ensure-pyenv.sh")], { encoding: "utf8", timeout: 180_000 }).trim();
  lc = await startLocalcloud({ port: 0, timeScale: 0.01 });
}, 200_000);

afterAll(async () => {
  await lc?.close();
});

describe("the official jdcloud-sdk (Python) against localcloud", () => {
  test("create -> running with addresses -> clientToken replay -> delete -> gone", async () => {
    const create = await sdk("POST", "/regions/{regionId}/instances", {
      regionId: REGION,
      maxCount: 2,
      clientToken: "conformance-sdk-1",
      instanceSpec: baseSpec({ elasticIpSpec: { sizeMbps: 5, provider: "bgp" }, password: "Lf-Secure9x" }),
    });
    expect(create.error).toBeNull();
    expect(create.requestId).toMatch(/^[0-9a-f]{32}$/);
    const ids = create.result!.instanceIds as string[];
    expect(ids).toHaveLength(2);

    const running = await until("running with addresses", async () => {
      const d = await sdk("GET", "/regions/{regionId}/instances", {
        regionId: REGION,
        pageNumber: 1,
        pageSize: 100,
        filters: [{ name: "instanceId", values: ids }],
      });
      const list = d.result!.instances as Array<Record<string, string>>;
      return list.length === 2 && list.every((i) => i.status === "running" && i.elasticIpAddress) ? list : undefined;
    });
    for (const i of running) expect(i.privateIpAddress).toMatch(/^10\.0\.1\.\d+$/);

    const replay = await sdk("POST", "/regions/{regionId}/instances", {
      regionId: REGION,
      maxCount: 2,
      clientToken: "conformance-sdk-1",
      instanceSpec: baseSpec({ elasticIpSpec: { sizeMbps: 5, provider: "bgp" }, password: "Lf-Secure9x" }),
    });
    expect(replay.result!.instanceIds).toEqual(ids);

    for (const id of ids) expect((await sdk("DELETE", "/regions/{regionId}/instances/{instanceId}", { regionId: REGION, instanceId: id })).error).toBeNull();
    await until("gone", async () => {
      const d = await sdk("GET", "/regions/{regionId}/instances", { regionId: REGION, filters: [{ name: "instanceId", values: ids }] });
      return d.result === null || (d.result.totalCount as number) === 0 ? true : undefined;
    });
    const missing = await sdk("GET", "/regions/{regionId}/instances/{instanceId}", { regionId: REGION, instanceId: ids[0] });
    expect(missing.error).toEqual({ code: 404, status: "NOT_FOUND", message: `Instance '${ids[0]}' not found.` });
    expect(await adminIds()).not.toEqual(expect.arrayContaining([ids[0]]));
  }, 60_000);

  test("a wrong secret is refused with the gateway's signature error", async () => {
    const d = await sdk("GET", "/regions/{regionId}/instances", { regionId: REGION }, "not-the-secret");
    expect(d.error).toEqual({ code: 401, status: "ACCESS_ERROR", message: "sign result is not same [gw]" });
  }, 30_000);

  test("an unknown access key is refused as unauthenticated", async () => {
    const d = await sdk("GET", "/regions/{regionId}/instances", { regionId: REGION }, "localcloud-secret", "AKUNKNOWN");
    expect(d.error).toMatchObject({ code: 401, status: "UNAUTHENTICATED" });
  }, 30_000);
});

describe("the official jdcloud-sdk (Python) reads localcloud's catalogue", () => {
  const r = (parameters: Record<string, unknown> = {}) => ({ regionId: REGION, ...parameters });

  test("describeInstanceTypes lists each type's stock by zone, filtered by type and zone", async () => {
    const all = await sdk("GET", "/regions/{regionId}/instanceTypes", r());
    expect(all.error).toBeNull();
    const types = all.result!.instanceTypes as Array<{ instanceType: string; cpu: number; memoryMB: number; state: Array<{ az: string; inStock: boolean }> }>;
    expect(all.result!.totalCount).toBe(types.length);
    expect(types.find((t) => t.instanceType === "g.n2.large")).toMatchObject({ cpu: 2, memoryMB: 8192 });
    const xl = await sdk("GET", "/regions/{regionId}/instanceTypes", r({ filters: [{ name: "instanceTypes", values: ["g.n2.xlarge"] }, { name: "az", values: ["cn-north-1c"] }] }));
    expect(xl.result!.instanceTypes).toEqual([expect.objectContaining({ instanceType: "g.n2.xlarge", state: [{ az: "cn-north-1c", inStock: false }] })]);
    expect((await sdk("GET", "/regions/{regionId}/instanceTypes", r({ filters: [{ name: "color", values: ["red"] }] }))).error?.status).toBe("INVALID_ARGUMENT");
  }, 60_000);

  test("describeImages pages through public images, filters by ids, platform and status; describeImage reads one or answers NOT_FOUND", async () => {
    const first = await sdk("GET", "/regions/{regionId}/images", r({ imageSource: "public", pageNumber: 1, pageSize: 10 }));
    expect(first.error).toBeNull();
    expect(first.result!.totalCount).toBe(6);
    const byIds = await sdk("GET", "/regions/{regionId}/images", r({ ids: ["img-debian12", "img-win2019", "img-nope"] }));
    expect((byIds.result!.images as Array<{ imageId: string }>).map((i) => i.imageId).sort()).toEqual(["img-debian12", "img-win2019"]);
    const windows = await sdk("GET", "/regions/{regionId}/images", r({ imageSource: "public", platform: "Windows Server" }));
    expect((windows.result!.images as Array<{ imageId: string }>).map((i) => i.imageId)).toEqual(["img-win2019"]);
    const ready = await sdk("GET", "/regions/{regionId}/images", r({ imageSource: "public", status: "ready" }));
    expect((ready.result!.images as Array<{ imageId: string }>).map((i) => i.imageId)).not.toContain("img-anolis8");
    expect((await sdk("GET", "/regions/{regionId}/images", r())).error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
    expect((await sdk("GET", "/regions/{regionId}/images", r({ imageSource: "public", pageSize: 500 }))).error?.status).toBe("OUT_OF_RANGE");
    const one = await sdk("GET", "/regions/{regionId}/images/{imageId}", r({ imageId: "img-ubuntu2204" }));
    expect(one.result!.image).toMatchObject({ imageId: "img-ubuntu2204", platform: "Linux", status: "ready", imageSource: "public" });
    expect((await sdk("GET", "/regions/{regionId}/images/{imageId}", r({ imageId: "img-nope" }))).error).toMatchObject({ code: 404, status: "NOT_FOUND", message: "Image 'img-nope' not found" });
  }, 60_000);

  test("describeVpcs and describeSubnets list the network createInstances accepts, with the addresses left", async () => {
    const vpcs = await sdk("GET", "/regions/{regionId}/vpcs", r());
    expect((vpcs.result!.vpcs as Array<{ vpcId: string }>).map((v) => v.vpcId)).toEqual(["vpc-n1default", "vpc-n1prod"]);
    const subnets = await sdk("GET", "/regions/{regionId}/subnets", r({ filters: [{ name: "vpcId", values: ["vpc-n1default"] }] }));
    const list = subnets.result!.subnets as Array<{ subnetId: string; vpcId: string; addressPrefix: string; availableIpCount: number }>;
    expect(list.map((s) => s.subnetId)).toEqual(["subnet-n1web", "subnet-n1db"]);
    expect(list[1]).toMatchObject({ vpcId: "vpc-n1default", addressPrefix: "10.0.2.0/24", availableIpCount: 252 });
  }, 60_000);

  test("describeUsage shows the instance quota createInstances enforces, used counting each live instance", async () => {
    const usage = async () => {
      const u = await sdk("GET", "/regions/{regionId}/usage", r({ filters: [{ name: "resourceTypes", values: ["instance"] }] }));
      return (u.result!.quotas as Array<{ resourceType: string; limit: number; used: number }>)[0];
    };
    const before = await usage();
    expect(before).toMatchObject({ resourceType: "instance", limit: 200 });
    const create = await sdk("POST", "/regions/{regionId}/instances", r({ maxCount: 2, instanceSpec: baseSpec({ name: "lf-usage" }) }));
    const ids = create.result!.instanceIds as string[];
    expect((await usage()).used).toBe(before.used + 2);
    await until("deletable", async () => {
      const d = await sdk("GET", "/regions/{regionId}/instanceStatus", r({ filters: [{ name: "instanceId", values: ids }] }));
      return (d.result!.instanceStatuses as Array<{ status: string }>).every((s) => s.status === "running") ? true : undefined;
    }, 60_000);
    for (const id of ids) await sdk("DELETE", "/regions/{regionId}/instances/{instanceId}", r({ instanceId: id }));
  }, 90_000);

  test("createInstances takes the SDK's camelCase body and the seed example's capitalised keys alike; the classic VM service's nested network interface is refused by name", async () => {
    const capitalised = { InstanceSpec: { ...baseSpec({ name: "lf-caps" }), ImageId: "img-debian12", InstanceType: "g.n2.medium" }, MaxCount: 1 };
    delete (capitalised.InstanceSpec as Record<string, unknown>).imageId;
    delete (capitalised.InstanceSpec as Record<string, unknown>).instanceType;
    const created = await sdk("POST", "/regions/{regionId}/instances", r(capitalised));
    expect(created.error).toBeNull();
    const id = (created.result!.instanceIds as string[])[0];
    const seen = await sdk("GET", "/regions/{regionId}/instances/{instanceId}", r({ instanceId: id }));
    expect(seen.result!.instance).toMatchObject({ imageId: "img-debian12", instanceType: "g.n2.medium" });
    const nested = baseSpec({ name: "lf-nested", primaryNetworkInterface: { networkInterface: { subnetId: "subnet-n1web", securityGroups: ["sg-n1default"] } } });
    expect((await sdk("POST", "/regions/{regionId}/instances", r({ instanceSpec: nested }))).error).toMatchObject({
      status: "INVALID_ARGUMENT",
      message: "Parameter InstanceSpec.PrimaryNetworkInterface.VpcId missing",
    });
    await until("running", async () => {
      const d = await sdk("GET", "/regions/{regionId}/instances/{instanceId}", r({ instanceId: id }));
      return (d.result!.instance as { status: string }).status === "running" ? true : undefined;
    }, 60_000);
    await sdk("DELETE", "/regions/{regionId}/instances/{instanceId}", r({ instanceId: id }));
  }, 90_000);
});

describe("authentication rules", () => {
  test("a replayed nonce is refused with 403 APIGW_NONCE_CONFLICT", async () => {
    const req = { method: "GET" as const, path: `/v1/regions/${REGION}/instances`, nonce: "fixed-nonce-1" };
    expect((await raw(req)).status).toBe(200);
    const again = await raw(req);
    expect(again.status).toBe(403);
    expect(again.body.error).toMatchObject({ code: 403, status: "APIGW_NONCE_CONFLICT" });
  });

  test("a date more than five minutes off is refused", async () => {
    const r = await raw({ method: "GET", path: `/v1/regions/${REGION}/instances`, date: new Date(Date.now() - 10 * 60_000) });
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ status: "UNAUTHENTICATED", message: expect.stringContaining("expired") });
  });

  test("a tampered query no longer matches its signature", async () => {
    const url = new URL(lc.url);
    const date = jdcloudDate(new Date());
    const headers = { "content-type": "application/json", "x-jdcloud-date": date, "x-jdcloud-nonce": "tamper-1" };
    const s = signJdcloud({
      version: "JDCLOUD2",
      method: "GET",
      path: `/v1/regions/${REGION}/instances`,
      rawQuery: "pageSize=10",
      headers: { ...headers, host: url.host },
      body: "",
      accessKeyId: "localcloud",
      secretAccessKey: "localcloud-secret",
      region: REGION,
      service: "coc-vm",
    });
    const res = await got(`${lc.url}/v1/regions/${REGION}/instances?pageSize=20`, { headers: { ...headers, authorization: s.authorization }, throwHttpErrors: false, retry: 0 });
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.status).toBe("ACCESS_ERROR");
  });
});

/** Every createInstances rule of the seed, answered with the seed's status and code. */
const validation: Array<[string, Record<string, unknown>, number, string, string]> = [
  ["instanceSpec missing", { maxCount: 1 }, 400, "INVALID_ARGUMENT", "Parameter InstanceSpec missing"],
  ["imageId missing", { instanceSpec: baseSpec({ imageId: undefined }) }, 400, "INVALID_ARGUMENT", "Parameter InstanceSpec.ImageId missing"],
  ["az missing", { instanceSpec: baseSpec({ az: undefined }) }, 400, "INVALID_ARGUMENT", "Parameter InstanceSpec.Az missing"],
  ["maxCount 0", { maxCount: 0, instanceSpec: baseSpec() }, 400, "OUT_OF_RANGE", "Maxcount out of range"],
  ["maxCount 101", { maxCount: 101, instanceSpec: baseSpec() }, 400, "OUT_OF_RANGE", "Maxcount out of range"],
  ["clientToken of 65 characters", { clientToken: "t".repeat(65), instanceSpec: baseSpec() }, 400, "INVALID_ARGUMENT", "ClientToken"],
  ["name of 65 characters", { instanceSpec: baseSpec({ name: "a".repeat(65) }) }, 400, "INVALID_ARGUMENT", "InstanceSpec.Name"],
  ["name starting with a dot", { instanceSpec: baseSpec({ name: ".web" }) }, 400, "INVALID_ARGUMENT", "InstanceSpec.Name"],
  ["name with a space", { instanceSpec: baseSpec({ name: "web 1" }) }, 400, "INVALID_ARGUMENT", "InstanceSpec.Name"],
  ["password too short", { instanceSpec: baseSpec({ password: "Ab1-x" }) }, 400, "INVALID_ARGUMENT", "Invalid password"],
  ["password with 123", { instanceSpec: baseSpec({ password: "Lf-x123yZ" }) }, 400, "INVALID_ARGUMENT", "Invalid password"],
  ["password with qwer", { instanceSpec: baseSpec({ password: "Lf9-qwerZ" }) }, 400, "INVALID_ARGUMENT", "Invalid password"],
  ["password with root", { instanceSpec: baseSpec({ password: "Lf9-rootZ" }) }, 400, "INVALID_ARGUMENT", "Invalid password"],
  ["password and keyName", { instanceSpec: baseSpec({ password: "Lf-Secure9x", keyName: "default" }) }, 400, "INVALID_ARGUMENT", "cannot be specified at the same time"],
  ["passwordAuth no without keyName", { instanceSpec: baseSpec({ passwordAuth: "no" }) }, 400, "INVALID_ARGUMENT", "KeyName is required"],
  ["passwordAuth maybe", { instanceSpec: baseSpec({ passwordAuth: "maybe" }) }, 400, "INVALID_ARGUMENT", "PasswordAuth"],
  ["a fixed ip with maxCount 2", { maxCount: 2, instanceSpec: baseSpec({ primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-n1web", ip: "10.0.1.50", securityGroups: [{ groupId: "sg-n1default" }] } }) }, 400, "INVALID_ARGUMENT", "MaxCount must be 1"],
  ["a fixed ip outside the subnet", { instanceSpec: baseSpec({ primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-n1web", ip: "10.9.9.9", securityGroups: [{ groupId: "sg-n1default" }] } }) }, 400, "INVALID_ARGUMENT", "is not in subnet"],
  ["no security group", { instanceSpec: baseSpec({ primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-n1web", securityGroups: [] } }) }, 400, "INVALID_ARGUMENT", "SecurityGroups missing"],
  ["elastic IP of 201 Mbps", { instanceSpec: baseSpec({ elasticIpSpec: { sizeMbps: 201, provider: "bgp" } }) }, 400, "OUT_OF_RANGE", "SizeMbps"],
  ["elastic IP on another line", { instanceSpec: baseSpec({ elasticIpSpec: { sizeMbps: 5, provider: "telecom" } }) }, 400, "INVALID_ARGUMENT", "Provider"],
  ["elastic IP billed differently", { instanceSpec: baseSpec({ elasticIpSpec: { sizeMbps: 5, provider: "bgp", chargeDuration: 2 } }) }, 400, "INVALID_ARGUMENT", "same as the instance"],
  ["10 months", { instanceSpec: baseSpec({ charge: { chargeUnit: "month", chargeDuration: 10 } }) }, 400, "OUT_OF_RANGE", "ChargeDuration"],
  ["4 years", { instanceSpec: baseSpec({ charge: { chargeUnit: "year", chargeDuration: 4 } }) }, 400, "OUT_OF_RANGE", "ChargeDuration"],
  ["pay by usage", { instanceSpec: baseSpec({ charge: { chargeMode: "postpaid_by_usage" } }) }, 400, "INVALID_ARGUMENT", "ChargeMode"],
  ["system disk of 600 GiB", { instanceSpec: baseSpec({ systemDisk: { diskType: "ssd.gp1", diskSizeGB: 600 } }) }, 400, "OUT_OF_RANGE", "InstanceSpec.SystemDisk.CloudDiskSpec.DiskSizeGB out of range"],
  ["too many data disks", { instanceSpec: baseSpec({ instanceType: "c.n2.large", dataDisks: Array(5).fill({ diskType: "ssd.gp1", diskSizeGB: 20 }) }) }, 400, "OUT_OF_RANGE", "DataDisks"],
  ["unknown az", { instanceSpec: baseSpec({ az: "cn-north-1z" }) }, 404, "NOT_FOUND", "Az 'cn-north-1z' not found"],
  ["unknown instance type", { instanceSpec: baseSpec({ instanceType: "x.n9.huge" }) }, 404, "NOT_FOUND", "InstanceType 'x.n9.huge' not found"],
  ["unknown image", { instanceSpec: baseSpec({ imageId: "img-nope" }) }, 404, "NOT_FOUND", "Image 'img-nope' not found"],
  ["image not ready", { instanceSpec: baseSpec({ imageId: "img-anolis8" }) }, 400, "FAILED_PRECONDITION", "Image 'img-anolis8' not ready"],
  ["image needs more memory", { instanceSpec: baseSpec({ imageId: "img-win2019", instanceType: "t.n1.micro" }) }, 400, "FAILED_PRECONDITION", "Image constraints. Doesn't support instanceType 't.n1.micro'"],
  ["unknown key pair", { instanceSpec: baseSpec({ keyName: "nokey" }) }, 404, "NOT_FOUND", "KeyPair 'nokey' not found"],
  ["unknown subnet", { instanceSpec: baseSpec({ primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-nope", securityGroups: [{ groupId: "sg-n1default" }] } }) }, 404, "NOT_FOUND", "Subnet 'subnet-nope' not found"],
  ["unknown security group", { instanceSpec: baseSpec({ primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-n1web", securityGroups: [{ groupId: "sg-nope" }] } }) }, 404, "NOT_FOUND", "SecurityGroups 'sg-nope' not found"],
  ["disk type out of stock", { instanceSpec: baseSpec({ systemDisk: { diskType: "hdd.std1" } }) }, 400, "FAILED_PRECONDITION", "Disk type 'hdd.std1' is out of stock"],
];

describe("createInstances validation (the seed's rules and codes)", () => {
  test.each(validation)("%s", async (_name, body, status, code, message) => {
    const r = await raw({ method: "POST", path: `/v1/regions/${REGION}/instances`, body: JSON.stringify(body) });
    expect(r.status).toBe(status);
    expect(r.body.error).toMatchObject({ code: status, status: code });
    expect(r.body.error!.message).toContain(message);
  });

  test("the instance quota answers 429 QUOTA_EXCEEDED", async () => {
    const r = await raw({ method: "POST", path: `/v1/regions/cn-south-1/instances`, body: JSON.stringify({ maxCount: 100, instanceSpec: baseSpec({ az: "cn-south-1a", primaryNetworkInterface: { vpcId: "vpc-s1prod", subnetId: "subnet-s1prod", securityGroups: [{ groupId: "sg-s1prod" }] } }) }) });
    expect(r.status).toBe(200);
    const ids = (r.body.result as { instanceIds: string[] }).instanceIds;
    const again = await raw({ method: "POST", path: `/v1/regions/cn-south-1/instances`, body: JSON.stringify({ maxCount: 100, instanceSpec: baseSpec({ az: "cn-south-1a", primaryNetworkInterface: { vpcId: "vpc-s1prod", subnetId: "subnet-s1prod", securityGroups: [{ groupId: "sg-s1prod" }] } }) }) });
    expect(again.status).toBe(200);
    const over = await raw({ method: "POST", path: `/v1/regions/cn-south-1/instances`, body: JSON.stringify({ instanceSpec: baseSpec({ az: "cn-south-1a", primaryNetworkInterface: { vpcId: "vpc-s1prod", subnetId: "subnet-s1prod", securityGroups: [{ groupId: "sg-s1prod" }] } }) }) });
    expect(over.status).toBe(429);
    expect(over.body.error).toEqual({ code: 429, status: "QUOTA_EXCEEDED", message: "Instance quota limit exceeded" });
    expect(await adminIds()).toEqual(expect.arrayContaining(ids));
    await got.post(`${lc.url}/_localcloud/reset`);
  }, 30_000);
});

describe("the jdcloud driver against localcloud", () => {
  const args: JdcloudInstanceArgs = {
    cloud: "jdcloud",
    region: REGION,
    maxCount: 3,
    instanceSpec: {
      az: "cn-north-1b",
      instanceType: "g.n2.large",
      imageId: "img-debian12",
      name: "lf-driver",
      keyName: "lightfleet",
      passwordAuth: "no",
      elasticIpSpec: { sizeMbps: 10, provider: "bgp" },
      primaryNetworkInterface: { vpcId: "vpc-n1prod", subnetId: "subnet-n1prod", securityGroups: [{ groupId: "sg-n1prod" }] },
      systemDisk: { diskType: "ssd.gp1", diskSizeGB: 60 },
      dataDisks: [{ diskType: "ssd.io1", diskSizeGB: 100 }],
      charge: { chargeUnit: "month", chargeDuration: 1 },
    },
  };
  const req = { count: 3, clientToken: "lf-driver-token-1", ownerTags: { "lightfleet-owner": "p/s/r", "lightfleet-fleet": "r" } };

  test("create, wait ready, replay, rename, find, delete, gone", async () => {
    const ctx = context();
    const { ids, requestId } = await jdcloudDriver.create(ctx, args, req);
    expect(ids).toHaveLength(3);
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);
    expect((await jdcloudDriver.create(ctx, args, req)).ids).toEqual(ids);

    const views = await ctx.waitFor({
      ids,
      what: "running with a public IP",
      check: (vs) => ([...vs.values()].every((v) => v && jdcloudDriver.status(v, args) === "ready") ? "done" : "wait"),
    });
    for (const v of views.values()) {
      expect(v).toMatchObject({ state: "running", phase: "ready", name: "lf-driver", zone: "cn-north-1b", tags: {} });
      expect(v!.publicIp).toMatch(/^116\.196\./);
      expect(v!.privateIp).toMatch(/^172\.16\./);
    }

    await jdcloudDriver.update(ctx, [...views.values()] as InstanceView[], args, { ...args, instanceSpec: { ...args.instanceSpec, name: "lf-renamed", description: "web tier" } });
    const renamed = await jdcloudDriver.describe(ctx, ids);
    expect([...renamed.values()].map((v) => [v.name, v.raw?.description])).toEqual(ids.map(() => ["lf-renamed", "web tier"]));

    const found = await jdcloudDriver.findByIdsOrNames(ctx, ["lf-renamed", ids[0]]);
    expect(found.map((v) => v.id).sort()).toEqual([...ids].sort());
    expect(await jdcloudDriver.findByTags(ctx, req.ownerTags)).toEqual([]);

    await jdcloudDriver.delete(ctx, [...ids, "i-doesnotexist"]);
    expect((await jdcloudDriver.describe(ctx, ids)).size).toBe(0);
    expect(await adminIds()).not.toEqual(expect.arrayContaining([ids[0]]));
  }, 30_000);

  test("delete waits for instances that are still starting", async () => {
    const ctx = context();
    const { ids } = await jdcloudDriver.create(ctx, { ...args, maxCount: 2 }, { ...req, count: 2, clientToken: "lf-driver-early-delete" });
    await jdcloudDriver.delete(ctx, ids);
    expect((await jdcloudDriver.describe(ctx, ids)).size).toBe(0);
  }, 30_000);

  test("a partial batch: failed instances show failed, then vanish; the rest become ready", async () => {
    // A failed instance shows `error` for a tenth of FAILED_GONE_AFTER: at this file's time scale that is 100 ms, which
    // a loaded machine can sleep through, so this case runs on its own emulator at a scale that leaves a second.
    const slow = await startLocalcloud({ port: 0, timeScale: 0.1 });
    try {
      await partialBatch(slow.url);
    } finally {
      await slow.close();
    }
  }, 60_000);

  async function partialBatch(url: string) {
    await got.post(`${url}/_localcloud/faults`, { json: { cloud: "jdcloud", operation: "createInstances", kind: "partialBatch", count: 1 } });
    const ctx = context({ endpoint: url });
    const { ids } = await jdcloudDriver.create(ctx, { ...args, maxCount: 4 }, { ...req, count: 4, clientToken: "lf-driver-partial" });
    const failed = new Map<string, InstanceView>();
    const views = await ctx.waitFor({
      ids,
      what: "a settled batch",
      check: (vs) => {
        for (const [id, v] of vs) if (v?.phase === "failed") failed.set(id, v);
        return [...vs.values()].every((v) => v === undefined || v.phase === "ready") ? "done" : "wait";
      },
    });
    expect(failed.size).toBe(2);
    for (const v of failed.values()) expect(v.failure).toMatchObject({ code: "error", message: expect.stringContaining("failed to launch") });
    expect([...views.values()].filter((v) => v?.phase === "ready")).toHaveLength(2);
    for (const id of failed.keys()) expect(views.get(id)).toBeUndefined();
    await jdcloudDriver.delete(ctx, ids);
  }

  test("throttling and 5xx are retried with a fresh signature", async () => {
    await got.post(`${lc.url}/_localcloud/faults`, { json: { faults: [
      { cloud: "jdcloud", operation: "describeInstances", kind: "throttle", count: 2 },
      { cloud: "jdcloud", operation: "describeInstances", kind: "error5xx", count: 1 },
    ] } });
    const retries: string[] = [];
    const ctx = context({ send: (call) => send(call, { retry: { maxAttempts: 6, baseDelayMs: 10, maxDelayMs: 50 }, bucket: bucket(call.operation), onRetry: (e) => retries.push(`${e.code}/${e.retryable}/${e.throttled}`) }) });
    expect((await jdcloudDriver.describe(ctx, ["i-none"])).size).toBe(0);
    expect(retries).toEqual(["RATE_LIMIT_EXCEEDED/true/true", "RATE_LIMIT_EXCEEDED/true/true", "INTERNAL/true/false"]);
  });

  test("validation and authentication errors are not retried", async () => {
    const ctx = context({ credentials: { accessKeyId: "localcloud", secretAccessKey: "wrong" } });
    await expect(jdcloudDriver.describe(ctx, ["i-x"])).rejects.toMatchObject({ code: "ACCESS_ERROR", httpStatus: 401, retryable: false });
    const bad = jdcloudCall(context(), { operation: "createInstances", method: "POST", path: `/v1/regions/${REGION}/instances`, body: { maxCount: 0, instanceSpec: baseSpec() } }, () => undefined);
    const err = await send(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect(err).toMatchObject({ code: "OUT_OF_RANGE", httpStatus: 400, retryable: false, requestId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  test("the published rate is enforced with 429 RATE_LIMIT_EXCEEDED", async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => raw({ method: "GET", path: `/v1/regions/${REGION}/instanceStatus`, once: true })));
    const throttled = answers.filter((a) => a.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0].body.error).toMatchObject({ code: 429, status: "RATE_LIMIT_EXCEEDED" });
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(20);
  });
});
