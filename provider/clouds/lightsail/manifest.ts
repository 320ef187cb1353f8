import type { CloudManifest } from "../../core/manifest";

/** lightsailManifest is AWS Lightsail as data: what the SDK and core read without loading the driver. */
export const lightsailManifest = {
  cloud: "lightsail",
  // AWS publishes no Lightsail rate; 10 calls a second per operation is a conservative default.
  rateLimits: {},
  defaultRate: 10,
  // No call describes several instances by name: above a few names one paged GetInstances serves them all, so the
  // poller should hand over every id at once.
  describeBatchSize: 1000,
  batchSizes: {},
  fieldRules: {
    instanceNames: "update",
    availabilityZone: "replace",
    blueprintId: "replace",
    bundleId: "replace",
    keyPairName: "replace",
    userData: "replace",
    sourceSnapshotName: "replace",
    addOns: "update",
    ipAddressType: "update",
  },
  secretPaths: [["userData"]],
  // An instance made from a snapshot shows the snapshot's blueprint, not the snapshot.
  unreadablePaths: [["sourceSnapshotName"]],
  namesMustBeUnique: true,
  regionVariables: ["AWS_REGION", "AWS_DEFAULT_REGION"],
  credentialVariables: { accessKey: "AWS_ACCESS_KEY_ID", secretKey: "AWS_SECRET_ACCESS_KEY", sessionToken: "AWS_SESSION_TOKEN" },
  credentialHelp:
    "Set the stack config keys lightfleet:lightsailAccessKey and lightfleet:lightsailSecretKey, or use the AWS " +
    "credential chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN), AWS_PROFILE (or " +
    "lightfleet:lightsailProfile) naming a profile of ~/.aws/config or ~/.aws/credentials (AWS_CONFIG_FILE, " +
    "AWS_SHARED_CREDENTIALS_FILE) with keys, SSO, role_arn or credential_process, AWS_WEB_IDENTITY_TOKEN_FILE with " +
    "AWS_ROLE_ARN, or an ECS task or EC2 instance role.",
  snapshotSourceField: "instanceName",
} satisfies CloudManifest;
