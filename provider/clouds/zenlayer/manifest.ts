import type { CloudManifest } from "../../core/manifest";

/** zenlayerManifest is Zenlayer Cloud as data: what the SDK and core read without loading the driver. */
export const zenlayerManifest = {
  cloud: "zenlayer",
  // Zenlayer publishes no rate limits; 10 calls a second per action stays well clear of throttling.
  rateLimits: {},
  defaultRate: 10,
  describeBatchSize: 100,
  batchSizes: { ReleaseInstances: 100, ModifyInstancesAttribute: 100 },
  // Every CreateInstances parameter replaces the fleet except the fleet size, the name
  // (ModifyInstancesAttribute) and marketingOptions, which only matter at purchase and so change nothing in place.
  fieldRules: {
    zoneId: "replace",
    imageId: "replace",
    instanceType: "replace",
    instanceChargeType: "replace",
    instanceChargePrepaid: "replace",
    instanceChargePostpaid: "replace",
    internetChargeType: "replace",
    instanceCount: "update",
    subnetId: "replace",
    instanceName: "update",
    password: "replace",
    keyId: "replace",
    resourceGroupId: "replace",
    trafficPackageSize: "replace",
    internetMaxBandwidthOut: "replace",
    systemDisk: "replace",
    dataDisks: "replace",
    enableIpv6: "replace",
    enableIpv4: "replace",
    cpuPassThrough: "replace",
    initScript: "replace",
    networkMode: "replace",
    diskPreAllocated: "replace",
    nic: "replace",
    securityGroupId: "replace",
    clusterId: "replace",
    cidrBlockId: "replace",
    startCidrIpv4: "replace",
    marketingOptions: "update",
  },
  secretPaths: [["password"], ["initScript"]],
  unreadablePaths: [["instanceChargePostpaid"], ["cpuPassThrough"], ["networkMode"], ["diskPreAllocated"], ["clusterId"], ["cidrBlockId"], ["startCidrIpv4"], ["marketingOptions"]],
  namesMustBeUnique: false,
  regionVariables: [],
  credentialVariables: { accessKey: "ZENLAYERCLOUD_ACCESS_KEY_ID", secretKey: "ZENLAYERCLOUD_ACCESS_KEY_PASSWORD" },
  credentialHelp:
    "set ZENLAYERCLOUD_ACCESS_KEY_ID and ZENLAYERCLOUD_ACCESS_KEY_PASSWORD, or the stack config keys lightfleet:zenlayerAccessKey and lightfleet:zenlayerSecretKey (as a secret)",
  // Zenlayer's snapshots are of disks, not instances: lightfleet has no snapshot resource for it.
  snapshotSourceField: undefined,
} satisfies CloudManifest;
