import { check } from "../../../provider/instanceProvider";
import { check as checkSnapshot } from "../../../provider/snapshotProvider";
import { UNKNOWN } from "../../../provider/core/check";
import { badInputArgs, type BadInput } from "../../../examples/reliability-corpus";
import { drivers } from "../../../provider/clouds/registry";
import { snapshotDrivers } from "../../../provider/clouds/snapshotRegistry";
import type { ZodType } from "zod";

/** inputs are a valid fleet of the cloud (the bad-input corpus's) with the patch applied. */
const inputs = (cloud: BadInput["cloud"], patch: Record<string, unknown>) => badInputArgs({ name: "t", cloud, patch, property: "", reason: "" }, "http://127.0.0.1:9");

const snapshots = {
  lightsail: { cloud: "lightsail", region: "us-east-1", endpoint: "http://127.0.0.1:9", instanceSnapshotName: "golden-1", instanceName: "web-1" },
  lighthouse: { cloud: "lighthouse", region: "ap-guangzhou", endpoint: "http://127.0.0.1:9", instanceId: "lhins-0f71373n" },
};

describe("check refuses a key the cloud does not take", () => {
  // A top-level key is named at the start of the reason: the engine prints a failing top-level property's value.
  it.each([
    ["lightsail", { keyPairname: "web-key" }, "keyPairname is not a Lightsail input; did you mean `keyPairName`?"],
    ["lightsail", { maxCount: 2 }, "maxCount is a JD Cloud field, not a Lightsail input; a Lightsail fleet's size is set by instanceNames"],
    ["lightsail", { instanceName: "web" }, "instanceName is a Lighthouse/Zenlayer field, not a Lightsail input; did you mean `instanceNames`?"],
    ["lightsail", { imageId: "ubuntu_22_04" }, "imageId is a Zenlayer field, not a Lightsail input"],
    ["lightsail", { tag: { env: "dev" } }, "tag is not a Lightsail input; did you mean `tags`?"],
    ["lightsail", { hostname: "web" }, "hostname is not a Lightsail input"],
    ["lighthouse", { keyPairName: "web-key" }, "keyPairName is a Lightsail field, not a Lighthouse input"],
    ["lighthouse", { instanceNames: ["web-1"] }, "instanceNames is a Lightsail field, not a Lighthouse input; a Lighthouse fleet's size is set by instanceCount; did you mean `instanceName`?"],
    ["lighthouse", { zone: "ap-guangzhou-3" }, "zone is not a Lighthouse input; did you mean `zones`?"],
    ["zenlayer", { maxCount: 2 }, "maxCount is a JD Cloud field, not a Zenlayer input; a Zenlayer fleet's size is set by instanceCount"],
    ["zenlayer", { blueprintId: "ubuntu_22_04" }, "blueprintId is a Lightsail/Lighthouse field, not a Zenlayer input"],
    ["zenlayer", { InstanceType: "c.1c2g" }, "InstanceType is not a Zenlayer input; did you mean `instanceType`?"],
    ["jdcloud", { imageId: "img-ubuntu2204" }, "imageId is a Zenlayer field, not a JD Cloud input; did you mean `instanceSpec.imageId`?"],
    ["jdcloud", { instanceCount: 2 }, "instanceCount is a Lightsail/Lighthouse/Zenlayer field, not a JD Cloud input; a JD Cloud fleet's size is set by maxCount"],
    ["jdcloud", { maxcount: 2 }, "maxcount is not a JD Cloud input; did you mean `maxCount`?"],
  ] as const)("%s top level: %j", async (cloud, patch, reason) => {
    expect((await check({}, inputs(cloud, patch))).failures).toEqual([{ property: "", reason }]);
  });

  it.each([
    ["lightsail", { addOns: [{ addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTime: "06:00" } }] }, "addOns.0.autoSnapshotAddOnRequest.snapshotTime", "is not a Lightsail input; did you mean `snapshotTimeOfDay`?"],
    ["lightsail", { timeouts: { Create: "10m" } }, "timeouts.Create", "is not a Lightsail input; did you mean `create`?"],
    ["lighthouse", { loginConfiguration: { keyID: ["lhkp-1a2b3c4d"] } }, "loginConfiguration.keyID", "is not a Lighthouse input; did you mean `keyIds`?"],
    ["lighthouse", { instanceChargePrepaid: { period: 1, renew: "NOTIFY_AND_AUTO_RENEW" } }, "instanceChargePrepaid.renew", "is not a Lighthouse input; did you mean `renewFlag`?"],
    ["lighthouse", { timeouts: { destroy: "5m" } }, "timeouts.destroy", "is not a Lighthouse input"],
    ["zenlayer", { systemDisk: { diskSizeGB: 40 } }, "systemDisk.diskSizeGB", "is not a Zenlayer input; did you mean `diskSize`?"],
    ["zenlayer", { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1, renewFlag: "NOTIFY_AND_AUTO_RENEW" } }, "instanceChargePrepaid.renewFlag", "is a Lighthouse field, not a Zenlayer input"],
    ["jdcloud", { instanceSpec: { primaryNetworkInterface: { subnetID: "subnet-n1web" } } }, "instanceSpec.primaryNetworkInterface.subnetID", "is not a JD Cloud input; did you mean `subnetId`?"],
    ["jdcloud", { instanceSpec: { systemDisk: { diskSize: 40 } } }, "instanceSpec.systemDisk.diskSize", "is not a JD Cloud input; did you mean `diskSizeGB`?"],
    ["jdcloud", { instanceSpec: { charge: { autorenew: true } } }, "instanceSpec.charge.autorenew", "is not a JD Cloud input; did you mean `autoRenew`?"],
    ["jdcloud", { instanceSpec: { hostname: "web" } }, "instanceSpec.hostname", "is not a JD Cloud input"],
  ] as const)("%s nested: %j", async (cloud, patch, property, reason) => {
    expect((await check({}, inputs(cloud, patch))).failures).toContainEqual({ property, reason });
  });

  it("reports every unknown key at once, next to the other failures", async () => {
    const { failures } = await check({}, inputs("lightsail", { keyPairname: "web-key", bundleId: "", timeouts: { Create: "10m" } }));
    expect(failures.map((f) => f.property || f.reason.split(" ")[0]).sort()).toEqual(["bundleId", "keyPairname", "timeouts.Create"]);
  });

  it("refuses an unknown key whose value is not known yet, and beside other unknown inputs", async () => {
    const { failures } = await check({}, inputs("zenlayer", { instanceCout: UNKNOWN, imageId: UNKNOWN }));
    expect(failures).toEqual([{ property: "", reason: "instanceCout is not a Zenlayer input; did you mean `instanceCount`?" }]);
  });

  it("never shows the value of a misspelt secret", async () => {
    const { failures } = await check({}, inputs("zenlayer", { pasword: "Hunter#2026x" }));
    expect(failures).toEqual([{ property: "", reason: "pasword is not a Zenlayer input; did you mean `password`?" }]);
    const nested = await check({}, inputs("jdcloud", { instanceSpec: { passwrd: "Fleet@Jd2026x" } }));
    expect(nested.failures).toEqual([{ property: "instanceSpec.passwrd", reason: "is not a JD Cloud input; did you mean `password`?" }]);
  });

  it("accepts what the SDK and the engine add to the inputs", async () => {
    const added = { owner: "project/dev/web", __provider: "exports.handler = ...", instanceIds: ["web-1"], publicIps: [], privateIps: [], ipv6Addresses: [], instances: [] };
    for (const cloud of ["lightsail", "lighthouse", "zenlayer", "jdcloud"] as const) expect((await check({}, inputs(cloud, added))).failures).toEqual([]);
  });
});

describe("InstanceSnapshot check refuses a key the cloud does not take", () => {
  it.each([
    ["lightsail", { instanceId: "web-1" }, "instanceId is a Lighthouse field, not a Lightsail input"],
    ["lightsail", { snapshotName: "golden" }, "snapshotName is a Lighthouse field, not a Lightsail input"],
    ["lighthouse", { snapshotname: "golden" }, "snapshotname is not a Lighthouse input; did you mean `snapshotName`?"],
    ["lighthouse", { instanceSnapshotName: "golden" }, "instanceSnapshotName is a Lightsail field, not a Lighthouse input"],
  ] as const)("%s: %j", async (cloud, patch, reason) => {
    expect((await checkSnapshot({}, { ...snapshots[cloud], ...patch })).failures).toEqual([{ property: "", reason }]);
  });

  it("accepts what the SDK and the engine add to the inputs", async () => {
    const added = { owner: "project/dev/golden", __provider: "exports.handler = ...", snapshotId: "golden-1", name: "golden-1", state: "available", arn: "arn:aws:lightsail:x" };
    for (const cloud of ["lightsail", "lighthouse"] as const) expect((await checkSnapshot({}, { ...snapshots[cloud], ...added })).failures).toEqual([]);
  });
});

/** objectsOf lists every object a schema holds, at any depth, with its path (`[]` for an array's elements). */
function objectsOf(schema: ZodType, path: string[] = []): Array<[string, ZodType]> {
  const def = schema._zod.def as unknown as Record<string, ZodType & Record<string, ZodType>> & { type: string };
  switch (def.type) {
    case "object":
      return [[path.join(".") || "(top level)", schema], ...Object.entries(def.shape).flatMap(([k, v]) => objectsOf(v, [...path, k]))];
    case "array":
      return objectsOf(def.element, [...path, "[]"]);
    case "optional":
    case "nullable":
    case "default":
      return objectsOf(def.innerType, path);
    default:
      return [];
  }
}

describe("every object of every input schema is strict", () => {
  const schemas = [
    ...Object.values(drivers).map((d) => [`Instance ${d.cloud}`, d.schema] as const),
    ...Object.values(snapshotDrivers).flatMap((d) => (d ? [[`InstanceSnapshot ${d.cloud}`, d.schema] as const] : [])),
  ];
  const objects = schemas.flatMap(([variant, schema]) => objectsOf(schema).map(([path, object]) => [`${variant} ${path}`, object] as const));

  it("finds the nested objects (login, disks, network interface, timeouts...)", () => {
    expect(objects.length).toBeGreaterThan(30);
  });

  it.each(objects)("%s refuses a key it does not declare", (_name, object) => {
    const r = object.safeParse({ notAField: 1 });
    expect(r.success ? [] : r.error.issues.map((i) => i.code)).toContain("unrecognized_keys");
  });
});
