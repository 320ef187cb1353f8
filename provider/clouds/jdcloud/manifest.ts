import type { CloudManifest } from "../../core/manifest";

/** jdcloudManifest is JD Cloud coc-vm as data: what the SDK and core read without loading the driver. */
export const jdcloudManifest = {
  cloud: "jdcloud",
  // coc-vm publishes no rate limit: stay well under what one account may send.
  rateLimits: { createInstances: 5, describeInstances: 10, deleteInstance: 10, modifyInstanceAttribute: 10 },
  defaultRate: 10,
  describeBatchSize: 100,
  batchSizes: {},
  fieldRules: {
    instanceSpec: "replace",
    "instanceSpec.name": "update",
    "instanceSpec.description": "update",
    maxCount: "update",
  },
  secretPaths: [["instanceSpec", "password"]],
  // describeInstances shows a private IP and an elastic IP, not whether the IP was asked for nor the bandwidth.
  unreadablePaths: [["instanceSpec", "passwordAuth"], ["instanceSpec", "primaryNetworkInterface", "ip"], ["instanceSpec", "elasticIpSpec"]],
  namesMustBeUnique: false,
  regionVariables: ["JDCLOUD_REGION"],
  credentialVariables: { accessKey: "JDCLOUD_ACCESS_KEY", secretKey: "JDCLOUD_SECRET_KEY" },
  credentialHelp:
    "set JDCLOUD_ACCESS_KEY and JDCLOUD_SECRET_KEY, or the stack config lightfleet:jdcloudAccessKey and lightfleet:jdcloudSecretKey (--secret)",
  // coc-vm has no instance snapshot call: lightfleet has no snapshot resource for it.
  snapshotSourceField: undefined,
} satisfies CloudManifest;
