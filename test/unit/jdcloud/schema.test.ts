import { withEnv } from "../../support/env";
import { jdcloudDriver, jdcloudInstanceSchema } from "../../../provider/clouds/jdcloud";

function valid(overrides: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cloud: "jdcloud",
    region: "cn-north-1",
    instanceSpec: {
      az: "cn-north-1a",
      instanceType: "g.n2.large",
      imageId: "img-ubuntu2204",
      name: "web",
      primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-n1web", securityGroups: [{ groupId: "sg-n1default" }] },
      systemDisk: { diskType: "ssd.gp1" },
      ...spec,
    },
    ...overrides,
  };
}

function failures(input: Record<string, unknown>): Array<[string, string]> {
  const r = jdcloudInstanceSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]);
}

const nic = (extra: Record<string, unknown>) => ({
  primaryNetworkInterface: { vpcId: "vpc-n1default", subnetId: "subnet-n1web", securityGroups: [{ groupId: "sg-n1default" }], ...extra },
});

/** Each rule of the createInstances seed: the input that breaks it, the property reported, the reason. */
const rules: Array<[string, Record<string, unknown>, string, string]> = [
  ["tags are refused", valid({ tags: { team: "web" } }), "tags", "coc-vm has no tags: remove tags"],
  ["az is required", valid({}, { az: undefined }), "instanceSpec.az", "is required"],
  ["az must be in the region", valid({}, { az: "cn-east-2a" }), "instanceSpec.az", "must be a zone of region cn-north-1 (e.g. cn-north-1a)"],
  ["instanceType is required", valid({}, { instanceType: undefined }), "instanceSpec.instanceType", "is required"],
  ["imageId is required", valid({}, { imageId: "" }), "instanceSpec.imageId", "must not be empty"],
  ["name is a string", valid({}, { name: 5 }), "instanceSpec.name", "must be a string"],
  ["name of 65 characters", valid({}, { name: "a".repeat(65) }), "instanceSpec.name", "must be 1-64 characters"],
  ["name with a space", valid({}, { name: "web 1" }), "instanceSpec.name", "may contain only Chinese characters, digits, letters, _, - and ."],
  ["name ending with a dot", valid({}, { name: "web." }), "instanceSpec.name", 'must not start or end with "."'],
  ["description of 257 characters", valid({}, { description: "d".repeat(257) }), "instanceSpec.description", "must be at most 256 characters"],
  ["password of 7 characters", valid({}, { password: "Lf-9xyQ" }), "instanceSpec.password", "must be 8-26 characters"],
  ["password of 27 characters", valid({}, { password: `Lf-9${"x".repeat(23)}` }), "instanceSpec.password", "must be 8-26 characters"],
  ["password with #", valid({}, { password: "Lf#9xyQwz" }), "instanceSpec.password", "may contain only digits, letters and the special characters !@$%^-_=+[{}]:,./?"],
  ["password without a digit", valid({}, { password: "Lf-xyQwzk" }), "instanceSpec.password", "must contain a digit, a lower-case letter, and an upper-case letter or a special character"],
  ["password without upper case or special", valid({}, { password: "lf9xymwzk" }), "instanceSpec.password", "must contain a digit, a lower-case letter, and an upper-case letter or a special character"],
  ["password with 987", valid({}, { password: "Lf-987xyQ" }), "instanceSpec.password", "must not contain consecutive digits such as 123 or 987"],
  ["password with CBA", valid({}, { password: "Lf-9CBAxy" }), "instanceSpec.password", "must not contain consecutive letters such as abc or CBA"],
  ["password with qaz", valid({}, { password: "Lf-9qazmk" }), "instanceSpec.password", "must not contain adjacent keyboard keys such as qaz or qwer"],
  ["password with root", valid({}, { password: "Lf-9rootk" }), "instanceSpec.password", 'must not contain "root" or its reverse'],
  ["password with toor", valid({}, { password: "Lf-9toork" }), "instanceSpec.password", 'must not contain "root" or its reverse'],
  ["password with part of Administrator", valid({}, { password: "Lf-9Minix" }), "instanceSpec.password", 'must not contain "Administrator", its reverse, or any three consecutive characters of it'],
  ["password and keyName", valid({}, { password: "Lf-9xymQk", keyName: "default" }), "instanceSpec.keyName", "password and keyName are mutually exclusive"],
  ["passwordAuth no without keyName", valid({}, { passwordAuth: "no" }), "instanceSpec.keyName", 'is required when passwordAuth is "no"'],
  ["passwordAuth maybe", valid({}, { passwordAuth: "maybe" }), "instanceSpec.passwordAuth", 'must be "yes" or "no"'],
  ["sizeMbps 0", valid({}, { elasticIpSpec: { sizeMbps: 0, provider: "bgp" } }), "instanceSpec.elasticIpSpec.sizeMbps", "must be 1-200 Mbps"],
  ["sizeMbps 201", valid({}, { elasticIpSpec: { sizeMbps: 201, provider: "bgp" } }), "instanceSpec.elasticIpSpec.sizeMbps", "must be 1-200 Mbps"],
  ["elastic IP line", valid({}, { elasticIpSpec: { sizeMbps: 5, provider: "telecom" } }), "instanceSpec.elasticIpSpec.provider", 'must be "bgp" (the only line coc-vm sells)'],
  ["elastic IP chargePlan", valid({}, { elasticIpSpec: { sizeMbps: 5, provider: "bgp", chargePlan: "traffic" } }), "instanceSpec.elasticIpSpec.chargePlan", 'must be "bandwidth"'],
  ["elastic IP unit differs", valid({}, { elasticIpSpec: { sizeMbps: 5, provider: "bgp", chargeUnit: "year" } }), "instanceSpec.elasticIpSpec.chargeUnit", "must equal the instance's chargeUnit (month)"],
  ["elastic IP duration differs", valid({}, { elasticIpSpec: { sizeMbps: 5, provider: "bgp", chargeDuration: 2 } }), "instanceSpec.elasticIpSpec.chargeDuration", "must equal the instance's chargeDuration (1)"],
  ["vpcId is required", valid({}, { primaryNetworkInterface: { subnetId: "s", securityGroups: [{ groupId: "g" }] } }), "instanceSpec.primaryNetworkInterface.vpcId", "is required"],
  ["ip must be IPv4", valid({}, nic({ ip: "10.0.1.300" })), "instanceSpec.primaryNetworkInterface.ip", "must be an IPv4 address"],
  ["no security group", valid({}, nic({ securityGroups: [] })), "instanceSpec.primaryNetworkInterface.securityGroups", "must list 1-5 security groups"],
  ["six security groups", valid({}, nic({ securityGroups: Array(6).fill({ groupId: "g" }) })), "instanceSpec.primaryNetworkInterface.securityGroups", "must list 1-5 security groups"],
  ["maxCount 2 with a fixed ip", valid({ maxCount: 2 }, nic({ ip: "10.0.1.9" })), "maxCount", "must be 1 when instanceSpec.primaryNetworkInterface.ip is set"],
  ["maxCount 0", valid({ maxCount: 0 }), "maxCount", "must be 1-100"],
  ["maxCount 101", valid({ maxCount: 101 }), "maxCount", "must be 1-100"],
  ["maxCount 1.5", valid({ maxCount: 1.5 }), "maxCount", "must be a whole number"],
  ["system disk type is required", valid({}, { systemDisk: {} }), "instanceSpec.systemDisk.diskType", "is required"],
  ["system disk of 600 GiB", valid({}, { systemDisk: { diskType: "ssd.gp1", diskSizeGB: 600 } }), "instanceSpec.systemDisk.diskSizeGB", "must be 40-500 GiB"],
  ["data disk of 25 GiB", valid({}, { dataDisks: [{ diskType: "ssd.gp1", diskSizeGB: 25 }] }), "instanceSpec.dataDisks.0.diskSizeGB", "diskSizeGB must be a multiple of 10"],
  ["nine data disks", valid({}, { dataDisks: Array(9).fill({ diskType: "ssd.gp1" }) }), "instanceSpec.dataDisks", "must list at most 8 data disks"],
  ["pay by usage", valid({}, { charge: { chargeMode: "postpaid_by_usage" } }), "instanceSpec.charge.chargeMode", 'must be "prepaid_by_duration" (coc-vm has no pay-by-usage)'],
  ["charge by the week", valid({}, { charge: { chargeUnit: "week" } }), "instanceSpec.charge.chargeUnit", 'must be "month" or "year"'],
  ["10 months", valid({}, { charge: { chargeUnit: "month", chargeDuration: 10 } }), "instanceSpec.charge.chargeDuration", "must be 1-9 when chargeUnit is month"],
  ["4 years", valid({}, { charge: { chargeUnit: "year", chargeDuration: 4 } }), "instanceSpec.charge.chargeDuration", "must be 1-3 when chargeUnit is year"],
  ["an unknown field", valid({}, { hostname: "web" }), "instanceSpec", 'Unrecognized key: "hostname"'],
];

describe("jdcloud schema: the seed's rules", () => {
  test.each(rules)("%s", (_name, input, property, reason) => {
    expect(failures(input)).toContainEqual([property, reason]);
  });

  test.each([
    ["the minimal request", valid()],
    ["a Chinese name with dots inside", valid({}, { name: "前端-web.01" })],
    ["a strong password", valid({}, { password: "Lf-Secure9x" })],
    ["a key pair without password login", valid({}, { keyName: "lightfleet", passwordAuth: "no" })],
    ["a year of prepaid billing with an elastic IP billed alike", valid({}, { charge: { chargeUnit: "year", chargeDuration: 3 }, elasticIpSpec: { sizeMbps: 200, provider: "bgp", chargeUnit: "year", chargeDuration: 3 } })],
    ["100 instances", valid({ maxCount: 100 })],
    ["a fixed ip for one instance", valid({ maxCount: 1 }, nic({ ip: "10.0.1.9" }))],
    ["empty tags", valid({ tags: {} })],
  ])("accepts %s", (_name, input) => expect(failures(input)).toEqual([]));

  test("reports every failure at once, cross-field rules included", () => {
    const f = failures(valid({ maxCount: 3 }, { instanceType: undefined, name: ".x", az: "cn-south-1a", password: "short", keyName: "k", ...nic({ ip: "10.0.1.9" }) }));
    expect(f.map(([p]) => p).sort()).toEqual(["instanceSpec.az", "instanceSpec.instanceType", "instanceSpec.keyName", "instanceSpec.name", "instanceSpec.password", "maxCount"]);
  });

  test("applies the seed's defaults", () => {
    const r = jdcloudInstanceSchema.parse(valid({}, { charge: {} }));
    expect(r.maxCount).toBe(1);
    expect(r.instanceSpec.passwordAuth).toBe("yes");
    expect(r.instanceSpec.charge).toEqual({ chargeMode: "prepaid_by_duration", chargeUnit: "month", chargeDuration: 1, autoRenew: false });
  });
});

describe("jdcloud driver table", () => {
  test("instanceSpec replaces, except its name and description; maxCount resizes in place", () => {
    expect(jdcloudDriver.fieldRules).toEqual({
      instanceSpec: "replace",
      "instanceSpec.name": "update",
      "instanceSpec.description": "update",
      maxCount: "update",
    });
    expect(jdcloudDriver.secretPaths).toEqual([["instanceSpec", "password"]]);
    expect(jdcloudDriver.desiredCount(valid({ maxCount: 7 }) as never)).toBe(7);
    expect(jdcloudDriver.desiredCount(valid() as never)).toBe(1);
  });

  test.each([
    [{ JDCLOUD_ACCESS_KEY: "AK", JDCLOUD_SECRET_KEY: "SK" }, { accessKeyId: "AK", secretAccessKey: "SK" }],
    [{ JDCLOUD_ACCESS_KEY: "AK" }, undefined],
    [{}, undefined],
  ])("credentialsFromChain with %j", async (env, want) => {
    await withEnv(env, async () => expect(await jdcloudDriver.credentialsFromChain()).toEqual(want));
  });

  test("credential help names the variables and config keys", () => {
    for (const k of ["JDCLOUD_ACCESS_KEY", "JDCLOUD_SECRET_KEY", "lightfleet:jdcloudAccessKey", "lightfleet:jdcloudSecretKey"]) expect(jdcloudDriver.credentialHelp).toContain(k);
    expect(jdcloudDriver.endpoint("cn-north-1")).toBe("https://coc-vm.jdcloud-api.com");
  });
});
