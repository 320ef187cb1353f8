import { routeOf } from "../../../../localcloud/clouds/jdcloud/wire";

describe("coc-vm wire", () => {
  test.each([
    ["POST", "/v1/regions/cn-north-1/instances", { operation: "createInstances", regionId: "cn-north-1" }],
    ["GET", "/v1/regions/cn-north-1/instances", { operation: "describeInstances", regionId: "cn-north-1" }],
    ["GET", "/v1/regions/cn-north-1/instances/i-abc", { operation: "describeInstance", regionId: "cn-north-1", instanceId: "i-abc" }],
    ["DELETE", "/v1/regions/cn-north-1/instances/i-abc", { operation: "deleteInstance", regionId: "cn-north-1", instanceId: "i-abc" }],
    ["POST", "/v1/regions/cn-north-1/instances/i-abc:stopInstance", { operation: "stopInstance", regionId: "cn-north-1", instanceId: "i-abc" }],
    ["POST", "/v1/regions/cn-north-1/instances/i-abc%3AmodifyInstanceAttribute", { operation: "modifyInstanceAttribute", regionId: "cn-north-1", instanceId: "i-abc" }],
    ["GET", "/v1/regions/cn-north-1/instanceStatus", { operation: "describeInstanceStatus", regionId: "cn-north-1" }],
    ["PUT", "/v1/regions/cn-north-1/instances", { operation: "unknownOperation", regionId: "cn-north-1" }],
    ["POST", "/v1/regions/cn-north-1/instances/i-abc:explode", { operation: "unknownOperation", regionId: "cn-north-1" }],
  ])("%s %s", (method, path, want) => expect(routeOf(method, path)).toEqual(want));

  test("other clouds' paths are not routed here", () => {
    expect(routeOf("POST", "/")).toBeUndefined();
  });
});
