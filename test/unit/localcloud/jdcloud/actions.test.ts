import { parseDescribeQuery, readAttributes, readCreate } from "../../../../localcloud/clouds/jdcloud/actions";

const minimal = {
  InstanceSpec: {
    Az: "cn-north-1a",
    InstanceType: "g.n2.medium",
    ImageId: "img-ubuntu2204",
    Name: "web",
    PrimaryNetworkInterface: { VpcId: "vpc-n1default", SubnetId: "subnet-n1web", SecurityGroups: [{ GroupId: "sg-n1default" }] },
    SystemDisk: { DiskType: "ssd.gp1" },
  },
};

describe("coc-vm request reading", () => {
  test("1-based filters become a describe query", () => {
    const q = new URLSearchParams("pageSize=50&filters.2.name=status&filters.2.values.1=running&filters.1.name=instanceId&filters.1.values.2=i-b&filters.1.values.1=i-a");
    expect(parseDescribeQuery(q)).toEqual({ pageNumber: 1, pageSize: 50, instanceIds: ["i-a", "i-b"], statuses: ["running"] });
    expect(() => parseDescribeQuery(new URLSearchParams("filters.1.name=color&filters.1.values.1=red"))).toThrow("Unsupported filter 'color'");
  });

  test("a createInstances body in the seed's capitalised keys reads with the documented defaults", () => {
    expect(readCreate(minimal)).toMatchObject({
      maxCount: 1,
      description: "",
      passwordAuth: "yes",
      dataDisks: [],
      charge: { chargeMode: "prepaid_by_duration", chargeUnit: "month", chargeDuration: 1, autoRenew: false },
    });
  });

  test.each([
    ["a name starting with a dot", { ...minimal.InstanceSpec, Name: ".web" }, "INVALID_ARGUMENT", "Invalid InstanceSpec.Name"],
    ["a password and a key pair", { ...minimal.InstanceSpec, Password: "Xk9#mQ2p", KeyName: "default" }, "INVALID_ARGUMENT", "Password and KeyName cannot be specified at the same time"],
    ["a password with a run of digits", { ...minimal.InstanceSpec, Password: "abc12345" }, "INVALID_ARGUMENT", "Invalid password"],
    ["a four-year term", { ...minimal.InstanceSpec, Charge: { ChargeUnit: "year", ChargeDuration: 4 } }, "OUT_OF_RANGE", "InstanceSpec.Charge.ChargeDuration out of range: [1-3]"],
  ])("createInstances refuses %s", (_what, spec, status, message) => {
    expect(() => readCreate({ InstanceSpec: spec })).toThrow(expect.objectContaining({ httpStatus: 400, status, message: expect.stringContaining(message) }));
  });

  test("modifyInstanceAttribute reads a valid name and description, and refuses a name outside the rule", () => {
    expect(readAttributes({ name: "api-01", description: "api tier" })).toEqual({ name: "api-01", description: "api tier" });
    expect(readAttributes({})).toEqual({});
    expect(() => readAttributes({ name: "bad name" })).toThrow(expect.objectContaining({ status: "INVALID_ARGUMENT" }));
  });
});
