import { lighthouseInstanceSchema } from "../../../provider/clouds/lighthouse";
import { lighthouseDriver } from "../../../provider/clouds/lighthouse";

const base = {
  cloud: "lighthouse",
  region: "ap-guangzhou",
  bundleId: "bundle_gen_03",
  blueprintId: "lhbp-g0tn7djh",
  instanceChargePrepaid: { period: 1 },
};

function failures(input: Record<string, unknown>): Array<[string, string]> {
  const r = lighthouseInstanceSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]);
}

describe("lighthouse schema", () => {
  it("applies the seed's defaults", () => {
    const parsed = lighthouseInstanceSchema.parse(base);
    expect(parsed.instanceCount).toBe(1);
    expect(parsed.instanceChargePrepaid.renewFlag).toBe("NOTIFY_AND_MANUAL_RENEW");
    expect(parsed.autoVoucher).toBe(false);
  });

  const valid: Array<[string, Record<string, unknown>]> = [
    ["the seed's example", base],
    ["30 instances, 60 months, auto renew", { ...base, instanceCount: 30, instanceChargePrepaid: { period: 60, renewFlag: "NOTIFY_AND_AUTO_RENEW" } }],
    ["a 60-character name", { ...base, instanceName: "n".repeat(60) }],
    ["zones of the region", { ...base, zones: ["ap-guangzhou-3", "ap-guangzhou-6"] }],
    ["key pairs", { ...base, loginConfiguration: { autoGeneratePassword: "NO", keyIds: ["lhkp-1a2b3c4d", "lhkp-5e6f7g8h"] } }],
    ["a Windows password", { ...base, loginConfiguration: { password: "Str0ng!Passw0rd" } }],
    ["8 tags in Chinese and ASCII", { ...base, tags: Object.fromEntries([...Array(8)].map((_, i) => [`环境-${i}`, `prod:/@ ${i}`])) }],
    [
      "a container",
      {
        ...base,
        containers: [
          {
            containerImage: "nginx:1.27",
            envs: [{ key: "A", value: "" }],
            publishPorts: [{ hostPort: 80, containerPort: 8080, ip: "0.0.0.0", protocol: "tcp" }],
            volumes: [{ containerPath: "/data", hostPath: "/srv" }],
            restartPolicy: "on-failure:3",
          },
        ],
      },
    ],
  ];
  it.each(valid)("accepts %s", (_name, input) => {
    expect(failures(input)).toEqual([]);
  });

  const invalid: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["a missing bundle", { ...base, bundleId: undefined }, "bundleId", /expected string|required/],
    ["an empty bundle", { ...base, bundleId: "" }, "bundleId", /is required/],
    ["a malformed blueprint", { ...base, blueprintId: "ubuntu" }, "blueprintId", /lhbp-g0tn7djh/],
    ["a missing charge", { ...base, instanceChargePrepaid: undefined }, "instanceChargePrepaid", /object/],
    ["period 13", { ...base, instanceChargePrepaid: { period: 13 } }, "instanceChargePrepaid.period", /must be one of 1, 2, .* 60 \(months\)/],
    ["period 1.5", { ...base, instanceChargePrepaid: { period: 1.5 } }, "instanceChargePrepaid.period", /whole number of months/],
    ["an unknown renew flag", { ...base, instanceChargePrepaid: { period: 1, renewFlag: "AUTO" } }, "instanceChargePrepaid.renewFlag", /NOTIFY_AND_AUTO_RENEW/],
    ["a 61-character name", { ...base, instanceName: "n".repeat(61) }, "instanceName", /1-60 characters/],
    ["0 instances", { ...base, instanceCount: 0 }, "instanceCount", /must be 1-30/],
    ["31 instances", { ...base, instanceCount: 31 }, "instanceCount", /must be 1-30/],
    ["a zone of another region", { ...base, zones: ["ap-shanghai-2"] }, "zones.0", /zone of region ap-guangzhou/],
    ["password with key ids", { ...base, loginConfiguration: { password: "Str0ng!Passw0rd", keyIds: ["lhkp-1a2b3c4d"] } }, "loginConfiguration.keyIds", /mutually exclusive/],
    ["YES with a password", { ...base, loginConfiguration: { autoGeneratePassword: "YES", password: "Str0ng!Passw0rd" } }, "loginConfiguration.password", /must not be set/],
    ["NO without a password", { ...base, loginConfiguration: { autoGeneratePassword: "NO" } }, "loginConfiguration.password", /is required/],
    ["an unknown autoGeneratePassword", { ...base, loginConfiguration: { autoGeneratePassword: "MAYBE" } }, "loginConfiguration.autoGeneratePassword", /YES or NO/],
    ["a short password", { ...base, loginConfiguration: { password: "Ab1!" } }, "loginConfiguration.password", /8-30 characters/],
    ["a password starting with /", { ...base, loginConfiguration: { password: "/Abcdefgh1234" } }, "loginConfiguration.password", /must not start with/],
    ["a password with a space", { ...base, loginConfiguration: { password: "Abcd efgh1234" } }, "loginConfiguration.password", /no spaces/],
    ["a password of two classes", { ...base, loginConfiguration: { password: "abcdefgh1234" } }, "loginConfiguration.password", /at least three/],
    ["6 key ids", { ...base, loginConfiguration: { keyIds: [...Array(6)].map((_, i) => `lhkp-0000000${i}`) } }, "loginConfiguration.keyIds", /at most 5/],
    ["a malformed key id", { ...base, loginConfiguration: { keyIds: ["key1"] } }, "loginConfiguration.keyIds.0", /key pair id/],
    ["9 tags", { ...base, tags: Object.fromEntries([...Array(9)].map((_, i) => [`k${i}`, "v"])) }, "tags", /at most 8 tags/],
    ["a 128-character tag key", { ...base, tags: { ["k".repeat(128)]: "v" } }, `tags.${"k".repeat(128)}`, /1-127 characters/],
    ["a tag key with #", { ...base, tags: { "a#b": "v" } }, "tags.a#b", /letters, digits, spaces/],
    ["a reserved tag key", { ...base, tags: { "qcloud:app": "v" } }, "tags.qcloud:app", /qcloud, tencent or project/],
    ["a lightfleet tag key", { ...base, tags: { "lightfleet-owner": "me" } }, "tags.lightfleet-owner", /reserved for lightfleet/],
    ["an empty tag value", { ...base, tags: { env: "" } }, "tags.env", /1-255 characters/],
    ["a tag value with !", { ...base, tags: { env: "prod!" } }, "tags.env", /letters, digits, spaces/],
    ["a container without image", { ...base, containers: [{ containerName: "web" }] }, "containers.0.containerImage", /expected string|required/],
    ["a port 70000", { ...base, containers: [{ containerImage: "x", publishPorts: [{ hostPort: 70000, containerPort: 80 }] }] }, "containers.0.publishPorts.0.hostPort", /1-65535/],
    ["a relative volume", { ...base, containers: [{ containerImage: "x", volumes: [{ containerPath: "data" }] }] }, "containers.0.volumes.0.containerPath", /absolute path/],
    ["a restart policy sometimes", { ...base, containers: [{ containerImage: "x", restartPolicy: "sometimes" }] }, "containers.0.restartPolicy", /on-failure:N/],
    ["an unknown field", { ...base, instancecount: 2 }, "", /instancecount/],
  ];
  it.each(invalid)("refuses %s", (_name, input, path, message) => {
    const found = failures(input);
    expect(found.map(([p]) => p)).toContain(path);
    expect(found.find(([p]) => p === path)?.[1]).toMatch(message);
  });

  it("reports every failure at once", () => {
    const found = failures({ ...base, bundleId: "", instanceCount: 40, zones: ["na-siliconvalley-1"], tags: { "tencent-x": "v" } });
    expect(found.map(([p]) => p).sort()).toEqual(["bundleId", "instanceCount", "tags.tencent-x", "zones.0"]);
  });
});

describe("lighthouse field rules", () => {
  it("lists every cloud-specific input field, with the count and name updated in place", () => {
    const common = ["cloud", "region", "tags", "timeouts", "endpoint", "account", "adopt", "owner", "autoName"];
    const fields = Object.keys(lighthouseInstanceSchema.shape).filter((f) => !common.includes(f));
    expect(Object.keys(lighthouseDriver.fieldRules).sort()).toEqual(fields.sort());
    expect(lighthouseDriver.fieldRules.instanceCount).toBe("update");
    expect(lighthouseDriver.fieldRules.instanceName).toBe("update");
    expect(lighthouseDriver.secretPaths).toEqual([["loginConfiguration", "password"]]);
  });
});
