import type { CloudManifest } from "../../core/manifest";

/** lighthouseManifest is Tencent Cloud Lighthouse as data: what the SDK and core read without loading the driver. */
export const lighthouseManifest = {
  cloud: "lighthouse",
  rateLimits: {
    CreateInstances: 5,
    DescribeInstances: 100,
    TerminateInstances: 10,
    IsolateInstances: 20,
    CreateInstanceSnapshot: 20,
    DescribeSnapshots: 20,
    DeleteSnapshots: 20,
    ModifyInstancesAttribute: 10,
    TagResources: 10,
    UnTagResources: 10,
  },
  defaultRate: 10,
  describeBatchSize: 100,
  batchSizes: { IsolateInstances: 20, TerminateInstances: 100, ModifyInstancesAttribute: 100, TagResources: 10 },
  fieldRules: {
    bundleId: "replace",
    blueprintId: "replace",
    instanceChargePrepaid: "replace",
    zones: "replace",
    loginConfiguration: "replace",
    firewallTemplateId: "replace",
    containers: "replace",
    autoVoucher: "replace",
    instanceName: "update",
    instanceCount: "update",
  },
  secretPaths: [["loginConfiguration", "password"]],
  unreadablePaths: [["loginConfiguration", "autoGeneratePassword"], ["firewallTemplateId"], ["containers"], ["autoVoucher"]],
  namesMustBeUnique: false,
  regionVariables: ["TENCENTCLOUD_REGION"],
  credentialVariables: { accessKey: "TENCENTCLOUD_SECRET_ID", secretKey: "TENCENTCLOUD_SECRET_KEY", sessionToken: "TENCENTCLOUD_SECURITY_TOKEN" },
  credentialHelp:
    "set the stack config keys lightfleet:lighthouseAccessKey and lightfleet:lighthouseSecretKey, or " +
    "TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SECURITY_TOKEN for temporary keys), or a " +
    "TCCLI profile file ~/.tccli/<profile>.credential (TENCENTCLOUD_PROFILE or lightfleet:lighthouseProfile, default `default`)",
  snapshotSourceField: "instanceId",
} satisfies CloudManifest;
